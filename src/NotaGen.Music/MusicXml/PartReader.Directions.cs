using System.Globalization;
using System.Text.RegularExpressions;

namespace NotaGen.Music.MusicXml;

/// <summary>Directions (tempo, dynamics, wedges, words, pedal, ottava), chord symbols and barlines.</summary>
internal sealed partial class PartReader
{
    private static readonly (string Path, string Abc)[] Dynamics =
    [
        ("dynamics/p", "!p!"), ("dynamics/pp", "!pp!"), ("dynamics/ppp", "!ppp!"), ("dynamics/pppp", "!pppp!"),
        ("dynamics/f", "!f!"), ("dynamics/ff", "!ff!"), ("dynamics/fff", "!fff!"), ("dynamics/ffff", "!ffff!"),
        ("dynamics/mp", "!mp!"), ("dynamics/mf", "!mf!"), ("dynamics/sfz", "!sfz!"),
    ];

    internal static readonly (string Attribute, string Abc)[] Jumps =
        [("dacapo", "D.C."), ("dalsegno", "D.S."), ("tocoda", "dacoda"), ("fine", "fine"), ("coda", "O"), ("segno", "S")];

    private static readonly Dictionary<string, (long, long)> BeatUnits = new()
    {
        ["whole"] = (1, 1),
        ["half"] = (1, 2),
        ["quarter"] = (1, 4),
        ["eighth"] = (1, 8),
    };

    private static readonly Dictionary<string, string> SpanOpenings = new()
    {
        ["down"] = "!8va(!",
        ["up"] = "!8vb(!",
        ["crescendo"] = "!<(!",
        ["diminuendo"] = "!>(!",
        ["start"] = "!ped!",
    };

    [GeneratedRegex(@"[.\d]+")]
    private static partial Regex NumberPattern();

    /// <summary>The staff of a direction, the voice of the next note before a backup, and the staff's first voice.</summary>
    private (int Staff, int Voice, int FirstVoice) DirectionVoice(int i, List<TreeElement> siblings)
    {
        var staff = StaffOf(siblings[i]);
        var staffList = staffVoices.GetValueOrDefault(staff) ?? [];
        var first = staffList.Count > 0 ? staffList[0] : 1;
        for (var j = i + 1; j < siblings.Count; j++)
        {
            var e = siblings[j];
            if (e.LocalName == "note")
            {
                var v = VoiceOf(e);
                return (homeStaff.GetValueOrDefault(v, staff), v, first);
            }
            if (e.LocalName == "backup")
                break;
        }
        return (staff, first, first);
    }

    private void ReadDirection(TreeElement e, int i, List<TreeElement> siblings)
    {
        string? tempo = null;
        (long, long) tempoUnit = (1, 4);
        var words = "";
        var placement = e.Attr("placement");
        var (staff, voice, firstVoice) = DirectionVoice(i, siblings);
        var jump = "";
        if (e.Find("sound") is { } sound)
        {
            var soundTempo = sound.Attr("tempo");
            if (soundTempo.Length > 0 && FormatTempo(soundTempo) is { } formatted)
            {
                tempo = formatted;
                tempoUnit = (1, 4);
            }
            foreach (var (attribute, abc) in Jumps)
            {
                if (sound.Attr(attribute).Length > 0)
                {
                    jump = abc;
                    break;
                }
            }
        }
        var place = "^";
        foreach (var type in e.Elements("direction-type"))
        {
            if (type.Find("metronome") is { } metronome)
            {
                var unit = metronome.FindText("beat-unit") ?? "";
                tempoUnit = BeatUnits.GetValueOrDefault(unit, (1, 4));
                if (metronome.Find("beat-unit-dot") is not null)
                    tempoUnit = AbcDuration.Simplify(tempoUnit.Item1 * 3, tempoUnit.Item2 * 2);
                var match = NumberPattern().Match(metronome.FindText("per-minute") ?? "");
                if (match.Success)
                    tempo = match.Value;
            }
            if (type.Find("wedge") is { } wedge)
                StartStop("wedge", wedge, voice, 1);
            var allWords = type.Elements("words").ToList();
            if (allWords.Count == 0)
                allWords = type.Elements("rehearsal").ToList();
            foreach (var w in allWords)
            {
                if (jump.Length > 0)
                {
                    AppendText(voice, $"!{jump}!", counts: true);
                    break;
                }
                place = placement == "below" ? "_" : "^";
                if (XmlText.TryNumber(w.Attr("default-y", "0"), out var y) && y < 0)
                    place = "_";
                words += w.Text.Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            }
            words = words.Trim();
            foreach (var (path, abc) in Dynamics)
            {
                if (type.Find(path) is not null)
                    AppendText(voice, abc, counts: true);
            }
            if (type.Find("coda") is not null)
                AppendText(voice, "O", counts: true);
            if (type.Find("segno") is not null)
                AppendText(voice, "S", counts: true);
            if (type.Find("octave-shift") is { } shift)
                StartStop("octave-shift", shift, voice, staff);
            if (type.Find("pedal") is { } pedal)
            {
                score.PedalVoice ??= voice;
                StartStop("pedal", pedal, score.PedalVoice.Value, 1);
            }
        }
        if (tempo is not null)
            tempo = FormatTempo(tempo);
        if (tempo is not null)
        {
            if (time == 0 && measure.Index == 0)
            {
                score.Tempo = tempo;
                score.TempoUnit = tempoUnit;
            }
            else
                AppendText(firstVoice, $"[Q:{tempoUnit.Item1}/{tempoUnit.Item2}={tempo}]");
        }
        if (words.Length > 0)
            AppendText(voice, $"\"{place}{words}\"", counts: true);
    }

    /// <summary>Whole beats per minute, or null for text that is no number ("ca." alone).</summary>
    private string? FormatTempo(string text)
    {
        if (!XmlText.TryNumber(text, out var bpm))
            return null;
        if (bpm is < 0 or > 100_000)
            throw Error($"tempo {text} beats per minute is absurd");
        return Math.Round(bpm, MidpointRounding.ToEven).ToString("0", CultureInfo.InvariantCulture);
    }

    /// <summary>Wedges, ottavas and pedals: start and stop may come in either order and are matched by kind and number.</summary>
    private void StartStop(string kind, TreeElement element, int voice, int staff)
    {
        var type = element.Attr("type");
        var key = kind + element.Attr("number", "1");
        string text;
        if (SpanOpenings.TryGetValue(type, out var opening))
        {
            text = opening;
            if (score.OpenDirections.Remove(key, out var pending))
            {
                if (pending.Type == "stop")
                    AddSpanText(text, voice, pending.VoiceOrTime, staff);
                else
                    score.OpenDirections[key] = (type, voice);
            }
            else
                score.OpenDirections[key] = (type, voice);
        }
        else if (type == "stop")
        {
            if (score.OpenDirections.Remove(key, out var open))
            {
                voice = (int)open.VoiceOrTime;
                text = open.Type == "stop" ? "" : CloseSpan(SpanOpenings[open.Type]);
            }
            else
            {
                score.OpenDirections[key] = ("stop", time);
                text = "";
            }
        }
        else
            return; // "continue", "change": nothing to write
        AddSpanText(text, voice, null, staff);
    }

    private static string CloseSpan(string opening) =>
        opening.Replace('(', ')').Replace("ped", "ped-up", StringComparison.Ordinal);

    private void AddSpanText(string text, int voice, long? at, int staff)
    {
        if (text.Length == 0)
            return;
        var targets = text.Contains("!8v", StringComparison.Ordinal) ? staffVoices.GetValueOrDefault(staff) ?? [] : [voice];
        foreach (var v in targets)
        {
            if (at is { } t)
                AppendTextAt(v, CloseSpan(text), t);
            else
                AppendText(v, text);
        }
    }

    private void ReadHarmony(TreeElement e, int i, List<TreeElement> siblings)
    {
        var (_, voice, _) = DirectionVoice(i, siblings);
        var root = e.FindText("root/root-step") ?? "";
        var alt = AlterSign(e.FindText("root/root-alter"));
        var kind = e.FindText("kind") ?? "";
        var sus = "";
        var shortKinds = new Dictionary<string, string>
        {
            ["major"] = "",
            ["minor"] = "m",
            ["augmented"] = "+",
            ["diminished"] = "dim",
            ["dominant"] = "7",
            ["half-diminished"] = "m7b5",
        };
        if (shortKinds.TryGetValue(kind, out var shortKind))
            kind = shortKind;
        else if (kind.Contains('-', StringComparison.Ordinal))
        {
            var parts = kind.Split('-');
            var triads = new Dictionary<string, string> { ["major"] = "maj", ["dominant"] = "", ["minor"] = "m", ["diminished"] = "dim", ["augmented"] = "+", ["suspended"] = "sus" };
            var mods = new Dictionary<string, string> { ["second"] = "2", ["fourth"] = "4", ["seventh"] = "7", ["sixth"] = "6", ["ninth"] = "9", ["11th"] = "11", ["13th"] = "13" };
            kind = triads.GetValueOrDefault(parts[0], "") + (parts.Length > 1 ? mods.GetValueOrDefault(parts[1], "") : "");
            if (kind.StartsWith("sus", StringComparison.Ordinal))
                (kind, sus) = ("", kind);
        }
        else if (kind == "none")
            kind = e.Find("kind")!.Value.Attr("text");
        foreach (var degree in e.Elements("degree"))
            kind += AlterSign(degree.FindText("degree-alter")) + (degree.FindText("degree-value") ?? "");
        kind = kind.Replace("79", "9", StringComparison.Ordinal).Replace("713", "13", StringComparison.Ordinal).Replace("maj6", "6", StringComparison.Ordinal);
        var bass = (e.FindText("bass/bass-step") ?? "") + AlterSign(e.FindText("bass/bass-alter"));
        AppendText(voice, $"\"{root}{alt}{kind}{sus}{(bass.Length > 0 ? "/" + bass : "")}\"", counts: true);
    }

    private static string AlterSign(string? alter) => alter switch { "1" => "#", "-1" => "b", _ => "" };

    private void ReadBarline(TreeElement e)
    {
        var repeat = e.Find("repeat")?.Attr("direction");
        if (e.Attr("location", "right") == "right")
        {
            var style = e.FindText("bar-style");
            if (style == "light-light")
                measure.RightBar = "||";
            else if (style == "light-heavy")
                measure.RightBar = "|]";
        }
        if (repeat is not null)
        {
            if (repeat == "forward")
                measure.LeftBar = ":";
            else
                measure.RightBar = ":|";
        }
        if (e.Find("ending") is { } ending)
        {
            if (ending.Attr("type") == "start")
            {
                var n = ending.Attr("number", "1").Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
                var numbers = n.Split(',');
                if (!numbers.All(x => XmlText.TryInt(x, out _)))
                    n = $"\"{n.Trim()}\"";
                measure.Volta = n;
            }
            else if (measure.RightBar == "|")
                measure.RightBar = "||";
        }
    }
}
