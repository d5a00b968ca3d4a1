using System.Globalization;

namespace NotaGen.Music.MusicXml;

/// <summary>Divisions, keys, meters, clefs, transposition and measure repeats.</summary>
internal sealed partial class PartReader
{
    private static readonly Dictionary<string, string> ClefNames = new()
    {
        ["C1"] = "alto1",
        ["C2"] = "alto2",
        ["C3"] = "alto",
        ["C4"] = "tenor",
        ["F4"] = "bass",
        ["F3"] = "bass3",
        ["G2"] = "treble",
        ["TAB"] = "tab",
        ["percussion"] = "perc",
    };

    private static readonly string[] KeysBySharpness =
        ["Fb", "Cb", "Gb", "Db", "Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#", "G#", "D#", "A#", "E#", "B#"];

    private static readonly Dictionary<string, int> ModeOffset = new()
    {
        ["maj"] = 8,
        ["ion"] = 8,
        ["m"] = 11,
        ["min"] = 11,
        ["aeo"] = 11,
        ["mix"] = 9,
        ["dor"] = 10,
        ["phr"] = 12,
        ["lyd"] = 7,
        ["loc"] = 13,
        ["non"] = 8,
    };

    private static readonly string[] SharpOrder = ["F", "C", "G", "D", "A", "E", "B"];

    private void ReadAttributes(TreeElement e)
    {
        var divisionsText = e.FindText("divisions");
        if (!string.IsNullOrEmpty(divisionsText))
        {
            if (!XmlText.TryInt(divisionsText, out var divisions) || divisions is < 1 or > MaxDivisions)
                throw Error($"<divisions> '{divisionsText}' is not a positive number up to {MaxDivisions}");
            measure.Divisions = divisions;
        }
        var steps = ReadInt(e.FindText("transpose/chromatic") ?? "0", "transpose/chromatic", 48);
        var first = time == 0 && measure.Index == 0;
        var fifthsText = e.FindText("key/fifths");
        if (!string.IsNullOrEmpty(fifthsText))
        {
            var fifths = ReadInt(fifthsText, "key/fifths", 14);
            var (key, alterations) = KeySignature((int)fifths, e.FindText("key/mode") ?? "major");
            score.KeyAlterations = alterations;
            if (first && steps == 0 && score.Key == "none")
                score.Key = key;
            else if (key != score.Key || !first)
                measure.Attributes += $"[K:{key}]";
        }
        var beats = e.FindText("time/beats");
        if (!string.IsNullOrEmpty(beats))
        {
            var beatType = e.FindText("time/beat-type") ?? "";
            var meter = beats + "/" + beatType;
            if (first)
                score.Meter = meter;
            else
                measure.Attributes += $"[M:{meter}]";
            measure.Meter = (SumOfBeats(beats), ReadInt(beatType, "time/beat-type", 1024));
        }
        foreach (var style in e.Elements("measure-style"))
            ReadMeasureRepeat(style);
        var octaveChange = e.FindText("transpose/octave-change");
        if (!string.IsNullOrEmpty(octaveChange))
            steps += 12 * ReadInt(octaveChange, "transpose/octave-change", 4);
        foreach (var clef in e.Elements("clef"))
            ReadClef(e, clef, steps, first);
    }

    private long ReadInt(string text, string what, long limit)
    {
        if (!XmlText.TryInt(text, out var value) || Math.Abs(value) > limit)
            throw Error($"<{what}> '{text}' is not an integer within ±{limit}");
        return value;
    }

    // "3+2" beats add up; the text itself goes to M: unchanged.
    private long SumOfBeats(string beats)
    {
        long total = 0;
        foreach (var part in beats.Split('+'))
            total += ReadInt(part, "time/beats", 1024);
        return total;
    }

    private static (string Key, Dictionary<string, int> Alterations) KeySignature(int fifths, string mode)
    {
        var m = mode.ToLowerInvariant();
        m = m.Length > 3 ? m[..3] : m;
        if (!ModeOffset.TryGetValue(m, out var offset))
            (m, offset) = ("maj", 8);
        var index = offset + fifths;
        if (index < 0)
            index += KeysBySharpness.Length;
        index = Math.Clamp(index, 0, KeysBySharpness.Length - 1);
        var key = KeysBySharpness[index] + (offset != 8 ? m : "");
        var alterations = new Dictionary<string, int>();
        if (fifths >= 0)
        {
            foreach (var s in SharpOrder.Take(fifths))
                alterations[s] = 1;
        }
        else
        {
            foreach (var s in SharpOrder.Skip(Math.Max(0, SharpOrder.Length + fifths)))
                alterations[s] = -1;
        }
        return (key, alterations);
    }

    private void ReadClef(TreeElement attributes, TreeElement clef, long steps, bool first)
    {
        var staff = (int)ReadInt(clef.Attr("number", "1"), "clef number", 64);
        var sign = clef.FindText("sign") ?? "";
        var line = sign is "percussion" or "TAB" ? "" : clef.FindText("line") ?? "";
        var name = ClefNames.GetValueOrDefault(sign + line, "");
        var octaveText = clef.FindText("clef-octave-change");
        var octave = string.IsNullOrEmpty(octaveText) ? 0 : (int)ReadInt(octaveText, "clef-octave-change", 3);
        name += octave switch { -2 => "-15", -1 => "-8", 1 => "+8", 2 => "+15", _ => "" };
        clefOctave[staff] = -octave;
        if (steps != 0)
            name += " transpose=" + steps.ToString(CultureInfo.InvariantCulture);
        if (attributes.Find("staff-details") is { } details && details.HasElements && details.Attr("number", "1") == staff.ToString(CultureInfo.InvariantCulture))
        {
            var lines = details.FindText("staff-lines");
            if (!string.IsNullOrEmpty(lines))
                name += " stafflines=" + (lines == "3" && sign == "TAB" ? "|||" : lines);
            var tuning = details.Elements("staff-tuning").Select(t => (t.FindText("tuning-step") ?? "") + (t.FindText("tuning-octave") ?? "")).ToList();
            if (tuning.Count > 0)
                name += " strings=" + string.Join(",", tuning);
            var capo = details.FindText("capo");
            if (!string.IsNullOrEmpty(capo))
                name += " capo=" + capo;
        }
        currentClef[staff] = name;
        if (first)
        {
            headerClef[staff] = name;
            return;
        }
        foreach (var v in staffVoices.GetValueOrDefault(staff) ?? [])
        {
            if (staff != currentStaff[v])
            {
                var move = staff - currentStaff[v];
                currentStaff[v] = staff;
                AppendText(v, $"[I:staff {(move > 0 ? "+" : "")}{move}]");
            }
            AppendText(v, $"[K:{name}]");
        }
    }

    private void ReadMeasureRepeat(TreeElement style)
    {
        var staff = (int)ReadInt(style.Attr("number", "1"), "measure-style number", 64);
        var staffVoiceList = staffVoices.GetValueOrDefault(staff) ?? [];
        foreach (var repeat in style.Elements("measure-repeat"))
        {
            var type = repeat.Attr("type");
            if (type == "start")
            {
                var text = repeat.Text;
                var mark = new MeasureRepeatMark(measure.Index, string.IsNullOrEmpty(text) ? null : text);
                openRepeats[staff] = mark;
                foreach (var v in staffVoiceList)
                    InsertText(v, new TextItem("") { Repeat = mark });
            }
            else if (type == "stop" && openRepeats.Remove(staff, out var mark))
            {
                var count = measure.Index - mark.StartMeasure;
                if (mark.Count is not null && XmlText.TryInt(mark.Count, out var per) && per > 0)
                    mark.Text = $"[I:repeat {mark.Count} {count / per}]";
                else
                    mark.Text = $"[I:repeat {count}]";
            }
        }
    }
}
