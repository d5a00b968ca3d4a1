using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Reads one MusicXML part measure by measure into ABC voices: one ABC voice per MusicXML voice, each placed on the
/// staff where most of its notes are (cross-staff notes get <c>[I:staff +1]</c>), following the reference converter.
/// </summary>
internal sealed partial class PartReader
{
    /// <summary>Caps that keep absurd input from allocating without bound.</summary>
    private const long MaxDivisions = 1L << 24;
    private const long MaxDuration = 1L << 32;

    private readonly ScoreState score;
    private readonly TreeElement part;
    private readonly string partId;
    private readonly MeasureInfo measure;

    // Staff layout of this part (xml voice and staff numbers).
    private readonly List<int> voiceIds = [];
    private readonly SortedDictionary<int, List<int>> staffVoices = [];
    private readonly Dictionary<int, int> homeStaff = [];
    private readonly Dictionary<int, int> currentStaff = [];
    private readonly HashSet<int> voicesWithStems = [];
    private readonly Dictionary<int, string> headerClef = [];
    private readonly Dictionary<int, string> currentClef = [];
    private readonly Dictionary<int, int> clefOctave = [];
    private readonly Dictionary<int, MeasureRepeatMark> openRepeats = [];

    // Music of this part.
    private long time;
    private long maxTime;
    private Dictionary<int, List<VoiceItem>> voices = [];

    /// <summary>Notes and rests read into the current measure, per voice (for <see cref="ScoreLimits.MaxNotesPerBar"/>).</summary>
    private readonly Dictionary<int, int> measureNotes = [];
    private readonly List<Dictionary<int, List<VoiceItem>>> measures = [];
    private readonly List<long> divisionsPerMeasure = [];
    private readonly Dictionary<int, int> noteCount = [];
    private Dictionary<(string Pitch, int Voice), int> passingAlterations = [];

    public PartReader(ScoreState score, TreeElement part, int index)
    {
        this.score = score;
        this.part = part;
        partId = part.Attr("id", (index + 1).ToString(CultureInfo.InvariantCulture));
        measure = new MeasureInfo(index);
    }

    private string Location => $"part {partId}, measure {measure.Number}";

    private MusicFormatException Error(string problem) => new(score.File, Location, problem);

    /// <summary>Reads the part; returns the ABC voice text (header line + body lines) and the xml→abc voice map.</summary>
    public (List<string> Lines, Dictionary<int, int> VoiceMap) Read()
    {
        MapVoicesToStaves();
        foreach (var v in voiceIds)
            noteCount[v] = 0;
        StartMeasureVoices();
        var im = -1;
        var children = new List<TreeElement>(); // one measure's, for the directions that look at their neighbours
        foreach (var xm in part.Elements("measure"))
        {
            im++;
            score.Cancel.ThrowIfCancellationRequested();
            measure.Index = im;
            measure.Number = xm.AttrOrNull("number") ?? (im + 1).ToString(CultureInfo.InvariantCulture);
            measure.Reset();
            passingAlterations = [];
            children.Clear();
            foreach (var child in xm.Elements())
                children.Add(child);
            for (var i = 0; i < children.Count; i++)
                ReadElement(children, i, xm);
            if (measure.Divisions <= 0 && HasTimedContent(xm))
                throw Error("no <divisions> before the first note: durations cannot be read");
            EndMeasure();
            divisionsPerMeasure.Add(measure.Divisions);
        }
        foreach (var mark in openRepeats.Values)
            mark.Text = $"[I:repeat {mark.Count} 1]";
        var lines = WriteVoices(out var map);
        AddStaffMap(map);
        return (lines, map);
    }

    private static bool HasTimedContent(TreeElement xm)
    {
        foreach (var e in xm.Elements())
        {
            if (e.LocalName is "note" or "backup" or "forward" && e.Find("duration") is not null)
                return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadElement(List<TreeElement> children, int i, TreeElement xm)
    {
        var e = children[i];
        switch (e.LocalName)
        {
            case "note": ReadNote(e); break;
            case "attributes": ReadAttributes(e); break;
            case "direction": ReadDirection(e, i, children); break;
            case "sound": ReadDirection(xm, i, children); break;
            case "harmony": ReadHarmony(e, i, children); break;
            case "barline": ReadBarline(e); break;
            case "backup": AdvanceTime(-TimingShift(e)); break;
            case "forward": AdvanceTime(TimingShift(e)); break;
            default: break; // print, figured-bass, listening, unknown elements: nothing that sounds
        }
    }

    private long ReadDuration(TreeElement e)
    {
        var text = e.FindText("duration");
        if (!XmlText.TryInt(text, out var d))
            throw Error($"<{e.LocalName}> has no integer <duration> (found '{text}')");
        if (d < 0 || d > MaxDuration)
            throw Error($"<{e.LocalName}> duration {d} is out of range");
        return d;
    }

    /// <summary>
    /// A backup/forward shorter than a 1/64 note is rounding noise from the exporting editor (MuseScore writes them);
    /// the reference ignores it rather than making chords or gaps of it.
    /// </summary>
    private long TimingShift(TreeElement e)
    {
        var d = ReadDuration(e);
        return measure.Divisions > 0 && d * 16 < measure.Divisions ? 0 : d;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MapVoicesToStaves()
    {
        var counts = new Dictionary<int, Dictionary<int, int>>();
        foreach (var xm in part.Elements("measure"))
            foreach (var n in xm.Elements("note"))
            {
                var v = VoiceOf(n);
                if (!counts.ContainsKey(v))
                {
                    if (score.Voices >= ScoreLimits.MaxVoices)
                        throw new MusicFormatException(score.File, $"part {partId}, measure {xm.Attr("number")}", $"more than {ScoreLimits.MaxVoices} voices in the score (the MusicXML reader's limit)");
                    score.Voices++;
                    counts[v] = [];
                    voiceIds.Add(v);
                }
                var sn = StaffOf(n);
                if (!staffVoices.ContainsKey(sn))
                    staffVoices[sn] = []; // filled below, once every note is counted
                counts[v][sn] = counts[v].GetValueOrDefault(sn) + 1;
                var stem = n.FindText("stem");
                if (n.Find("rest") is null && stem != "none")
                    voicesWithStems.Add(v);
            }
        if (score.IsSibelius)
            voiceIds.Sort();
        foreach (var v in voiceIds)
        {
            // The staff with most notes wins; on a tie the higher staff number (the reference sorts (count, staff)).
            var winner = counts[v].OrderBy(kv => kv.Value).ThenBy(kv => kv.Key).Last().Key;
            staffVoices[winner].Add(v);
            homeStaff[v] = winner;
            currentStaff[v] = winner;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int VoiceOf(TreeElement n)
    {
        var text = n.FindText("voice");
        long v = 1;
        if (text is not null && !XmlText.TryInt(text, out v))
            throw Error($"voice '{text}' is not a number");
        if (v is < -1000 or > 1000)
            throw Error($"voice number {v} is out of range");
        if (score.IsSibelius)
            v += 100 * StaffOf(n);
        return (int)v;
    }

    /// <summary>Counts a note or rest into its voice's measure, stopping the conversion past the limit.</summary>
    private void CountNote(int v)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(measureNotes, v, out _);
        if (++count > ScoreLimits.MaxNotesPerBar)
            throw Error($"more than {ScoreLimits.MaxNotesPerBar} notes and rests in one measure of voice {v} (the MusicXML reader's limit)");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int StaffOf(TreeElement n)
    {
        var text = n.FindText("staff");
        if (text is null)
            return 1;
        if (!XmlText.TryInt(text, out var s) || s is < 1 or > 64)
            throw Error($"staff '{text}' is not a staff number");
        return (int)s;
    }

    private void StartMeasureVoices()
    {
        measureNotes.Clear();
        voices = [];
        foreach (var v in voiceIds)
            voices[v] = [];
    }

    private void AdvanceTime(long dt)
    {
        time += dt;
        if (time < 0)
            time = 0; // a <backup> past the measure start
        if (time > maxTime)
            maxTime = time;
    }

    private void AppendItem(int v, VoiceItem item, long duration)
    {
        if (!voices.TryGetValue(v, out var list))
            return; // a direction aimed at a voice without notes in this part
        item.Time = time;
        list.Add(item);
        AdvanceTime(duration);
    }

    private void AppendText(int v, string text, bool counts = false)
    {
        AppendItem(v, new TextItem(text), 0);
        if (counts && noteCount.ContainsKey(v))
            noteCount[v]++;
    }

    private void AppendTextAt(int v, string text, long at)
    {
        if (voices.TryGetValue(v, out var list))
            list.Add(new TextItem(text) { Time = at });
    }

    private void InsertText(int v, VoiceItem item)
    {
        if (!voices.TryGetValue(v, out var list))
            return;
        item.Time = 0;
        list.Insert(0, item);
    }

    private void EndMeasure()
    {
        // Tuplets exported with rounded durations overrun the bar by a few divisions; the barline stays where the
        // meter puts it rather than padding every other voice with a tiny rest.
        var nominal = measure.Meter.BeatType > 0 ? measure.Divisions * measure.Meter.Beats * 4 / measure.Meter.BeatType : 0;
        if (nominal > 0 && maxTime > nominal && (maxTime - nominal) * 16 < measure.Divisions)
            maxTime = nominal;
        time = maxTime;
        foreach (var v in voiceIds)
        {
            if (measure.LeftBar.Length > 0 || measure.Volta.Length > 0)
            {
                var previous = measures.Count > 0 && measures[^1][v].Count > 0 ? measures[^1][v][^1] as TextItem : null;
                if (previous is not null)
                {
                    var x = previous.Text;
                    if (measure.LeftBar.Length > 0)
                        x = (x + measure.LeftBar).Replace(":|:", "::", StringComparison.Ordinal).Replace("||", "|", StringComparison.Ordinal);
                    x += measure.Volta;
                    previous.Text = x;
                }
                else if (measure.LeftBar.Length > 0)
                    InsertText(v, new TextItem("|:"));
            }
            if (measure.Attributes.Length > 0)
                InsertText(v, new TextItem(measure.Attributes));
            AppendText(v, " " + measure.RightBar);
            var sequenced = MeasureSequencer.Sequence(voices[v], score.Log, new MeasureLocation(partId, measure.Number));
            MeasureSequencer.MarkBrokenRhythms(sequenced);
            voices[v] = sequenced;
        }
        measures.Add(voices);
        time = maxTime = 0;
        StartMeasureVoices();
    }

    private List<string> WriteVoices(out Dictionary<int, int> map)
    {
        map = [];
        var lines = new List<string>();
        var unit = score.Options.UnitDenominator;
        var numbers = new string[measures.Count]; // "1", "2", ...: the measures' positions, for errors
        for (var im = 0; im < numbers.Length; im++)
            numbers[im] = (im + 1).ToString(CultureInfo.InvariantCulture);
        foreach (var v in voiceIds)
        {
            score.Cancel.ThrowIfCancellationRequested();
            if (noteCount[v] == 0)
                continue; // a voice of rests only is left out, as the reference does
            var bars = new List<string>(measures.Count);
            for (var im = 0; im < measures.Count; im++)
            {
                bars.Add(VoiceTextWriter.Write(measures[im][v], divisionsPerMeasure[im], unit, new MeasureLocation(partId, numbers[im])));
            }
            var number = score.NextVoiceNumber++;
            lines.Add("V:" + number.ToString(CultureInfo.InvariantCulture));
            AddBarLines(lines, bars);
            map[v] = number;
        }
        return lines;
    }

    private void AddBarLines(List<string> lines, List<string> bars)
    {
        var perLine = score.Options.CharactersPerLine;
        var barNumber = 0;
        var at = 0;
        while (at < bars.Count)
        {
            var chunk = new StringBuilder(bars[at]);
            var taken = 1;
            while (at + taken < bars.Count)
            {
                if (perLine > 0 && chunk.Length + bars[at + taken].Length >= perLine)
                    break;
                chunk.Append(bars[at + taken]);
                taken++;
            }
            barNumber += taken;
            at += taken;
            lines.Add(chunk + " %" + barNumber.ToString(CultureInfo.InvariantCulture));
        }
    }

    private void AddStaffMap(Dictionary<int, int> map)
    {
        var staves = new List<List<int>>();
        foreach (var (staff, xmlVoices) in staffVoices)
        {
            var abcVoices = xmlVoices.Where(map.ContainsKey).Select(v => map[v]).ToList();
            if (abcVoices.Count == 0)
                continue;
            staves.Add(abcVoices);
            var clef = headerClef.GetValueOrDefault(staff, "treble");
            var noStem = xmlVoices.Where(map.ContainsKey).Select(v => !voicesWithStems.Contains(v)).ToList();
            for (var i = 0; i < abcVoices.Count; i++)
            {
                var extra = clef.StartsWith("tab", StringComparison.Ordinal) && noStem[i] && !clef.Contains("nostems", StringComparison.Ordinal) ? " nostems" : "";
                score.Clefs.Add((abcVoices[i], clef + extra));
            }
        }
        score.StaffMap.Add(staves);
    }
}
