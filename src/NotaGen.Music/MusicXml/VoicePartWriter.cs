using System.Globalization;
using System.Xml.Linq;
using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Abc.Writing;
using NotaGen.Music.Time;

namespace NotaGen.Music.MusicXml;

/// <summary>What one ABC voice writes into one measure, and where its time cursor ends (divisions from the bar start).</summary>
internal sealed record VoiceBar(List<XElement> Content, long End);

/// <summary>
/// Writes one ABC voice's music into the measures of its part: notes and chords from the sounding notes (cut and tied
/// at bar lines, overlapping notes in extra MusicXML voices), rests where the voice wrote them, grace notes, slurs,
/// note decorations, dynamics, wedges, text and tempo directions, staff changes (<c>[I:staff +1]</c>) and clef changes
/// within a bar, from the marks the ABC interpreter keeps.
/// </summary>
internal sealed partial class VoicePartWriter(VoiceWriterSettings settings)
{
    private readonly AbcVoice voice = settings.Voice;
    // Divisions per quarter note of the measure being written.
    private long divisions;
    private readonly NoteLanes noteLanes = new();

    // Where notes and rests start and where notes end, per (bar, onset): what decorations and slurs attach to.
    private readonly Dictionary<(int Bar, Rational Time), List<XElement>> starts = [];
    private readonly Dictionary<(int Bar, Rational Time), XElement> ends = [];

    public int BarCount => MeasureDivisions.BarCount(voice);

    /// <summary>The key in force at the start of a bar: the header's, then the voice's K: fields.</summary>
    public KeySignature KeyAt(int bar)
    {
        keyChanges ??= voice.Marks
            .Select(mark => (mark.Bar, Key: mark.Element is AbcInlineField { Letter: 'K' } field ? KeySignature.Parse(field.Value, out _) : null))
            .Where(change => change.Key is { SpecifiesKey: true })
            .Select(change => (change.Bar, change.Key!))
            .ToList();
        var count = BarsBefore(keyChanges, c => c.Bar, bar + 1);
        return count > 0 ? keyChanges[count - 1].Key
            : settings.Tune.Keys.Count > 0 ? settings.Tune.Keys[0].Value : KeySignature.CMajor;
    }

    // Key, clef and staff changes in written order (so by bar), found once: they are looked up per bar and per note,
    // and a scan of all the voice's marks each time made a long piece quadratic (80,000 bars: minutes).
    private List<(int Bar, KeySignature Key)>? keyChanges;
    private List<(AbcVoiceMark Mark, string Clef)>? clefChanges;

    /// <summary>How many of <paramref name="changes"/> (in bar order) lie in bars before <paramref name="bar"/>.</summary>
    private static int BarsBefore<T>(List<T> changes, Func<T, int> barOf, int bar)
    {
        var (low, high) = (0, changes.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (barOf(changes[middle]) < bar)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    /// <summary>The clef in force at the start (or the end) of a bar: V: or header K:, then clefs of later K: and V: fields.</summary>
    public string? ClefAt(int bar, bool atEnd = false)
    {
        var changes = ClefChanges();
        var i = BarsBefore(changes, c => c.Mark.Bar, bar);
        var clef = i > 0 ? changes[i - 1].Clef
            : voice.Definition?.Clef.Clef ?? (settings.Tune.Keys.Count > 0 ? settings.Tune.Keys[0].Value.Clef.Clef : null);
        for (; i < changes.Count && changes[i].Mark.Bar == bar; i++)
        {
            if (!atEnd && changes[i].Mark.Onset > BarStart(bar))
                break;
            clef = changes[i].Clef;
        }
        return clef;
    }

    /// <summary>The clef in force at a time inside a bar (a change written at that time counts).</summary>
    public string? ClefAtTime(int bar, Rational time)
    {
        var clef = ClefAt(bar);
        var changes = ClefChanges();
        for (var i = BarsBefore(changes, c => c.Mark.Bar, bar); i < changes.Count && changes[i].Mark.Bar == bar; i++)
        {
            if (changes[i].Mark.Onset > time)
                break;
            clef = changes[i].Clef;
        }
        return clef;
    }

    private List<(AbcVoiceMark Mark, string Clef)> ClefChanges() =>
        clefChanges ??= voice.Marks.Select(mark => (Mark: mark, Clef: ClefOf(mark))).Where(c => c.Clef is not null).Select(c => (c.Mark, c.Clef!)).ToList();

    /// <summary>The clef a K: or V: field sets, or null.</summary>
    private static string? ClefOf(AbcVoiceMark mark) => mark.Element switch
    {
        AbcInlineField { Letter: 'K' } k => KeySignature.Parse(k.Value, out _).Clef.Clef,
        AbcInlineField { Letter: 'V' } v => VoiceDefinition.Parse(v.Value, out _).Clef.Clef,
        _ => null,
    };

    private Rational BarStart(int bar) => bar < voice.Bars.Count ? voice.Bars[bar].Start : voice.End;

    public List<VoiceBar> Write(int measures, CancellationToken cancel)
    {
        var segments = SplitAtBarLines(measures);
        // A direction written after a bar's last note (a wedge's end before the bar line) is placed at the next bar's start.
        int BarOfMark(AbcVoiceMark m) =>
            m.Element is AbcDecoration or AbcAnnotation && m.Bar < voice.Bars.Count && m.Bar + 1 < measures
                && m.Onset >= voice.Bars[m.Bar].Start + voice.Bars[m.Bar].Duration ? m.Bar + 1 : m.Bar;
        var marks = voice.Marks.GroupBy(BarOfMark).ToDictionary(g => g.Key, g => g.ToList());
        var staffChanges = StaffChanges();
        var result = new List<VoiceBar>();
        for (var i = 0; i < measures; i++)
        {
            cancel.ThrowIfCancellationRequested();
            divisions = settings.Divisions[i];
            var bar = i < voice.Bars.Count ? voice.Bars[i] : null;
            var start = bar?.Start ?? (i > 0 && i - 1 < voice.Bars.Count ? voice.End : Rational.Zero);
            var length = bar?.Duration ?? Rational.Zero;
            var key = KeyAt(i);
            var barMarks = marks.GetValueOrDefault(i) ?? [];
            var content = new List<XElement>();
            var end = WriteLanes(content, i, segments[i], barMarks, start, length, key, staffChanges);
            MarkTuplets(content);
            result.Add(new VoiceBar(content, end));
        }
        AttachNoteMarks();
        AttachSlurs();
        return result;
    }

    /// <summary>Sounding notes cut at bar lines (tied), grouped by bar.</summary>
    private List<List<NoteSegment>> SplitAtBarLines(int measures)
    {
        var result = new List<List<NoteSegment>>();
        for (var i = 0; i < measures; i++)
            result.Add([]);
        foreach (var note in voice.Notes)
        {
            var onset = note.Onset;
            var end = note.Onset + note.Duration;
            var barIndex = note.Bar;
            var first = true;
            while (true)
            {
                while (result.Count <= barIndex)
                    result.Add([]);
                var barEnd = barIndex < voice.Bars.Count ? voice.Bars[barIndex].Start + voice.Bars[barIndex].Duration : end;
                var more = barIndex + 1 < voice.Bars.Count && end > barEnd && barEnd > onset;
                var segmentEnd = more ? barEnd : end;
                result[barIndex].Add(new NoteSegment(onset, segmentEnd - onset, note.Pitch, more, !first));
                if (!more)
                    break;
                onset = segmentEnd;
                barIndex++;
                first = false;
            }
        }
        return result;
    }

    /// <summary>Staff offsets from <c>[I:staff +1]</c> / <c>[I:staff -1]</c> (as xml2abc writes cross-staff notes), in written order.</summary>
    private List<(int Bar, Rational Onset, int Offset)> StaffChanges()
    {
        var changes = new List<(int, Rational, int)>();
        var offset = 0;
        foreach (var mark in voice.Marks)
        {
            if (mark.Element is not AbcInlineField { Letter: 'I' } field)
                continue;
            var words = field.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 2 || words[0] != "staff" || !int.TryParse(words[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                continue;
            offset = words[1][0] is '+' or '-' ? offset + n : n - settings.Staff;
            changes.Add((mark.Bar, mark.Onset, offset));
        }
        return changes;
    }

    private int StaffAt(List<(int Bar, Rational Onset, int Offset)> changes, int bar, Rational time)
    {
        var i = BarsBefore(changes, c => c.Bar, bar);
        var offset = i > 0 ? changes[i - 1].Offset : 0;
        for (; i < changes.Count && changes[i].Bar == bar && changes[i].Onset <= time; i++)
            offset = changes[i].Offset;
        return settings.Staves <= 1 ? 0 : Math.Clamp(settings.Staff + offset, 1, settings.Staves);
    }

    /// <summary>Directions and inline attributes of the bar at their times, in written order.</summary>
    private List<(Rational Onset, XElement Element)> Timed(int bar, List<AbcVoiceMark> marks, Rational barStart, Func<Rational, int> staffAt)
    {
        var timed = new List<(Rational, XElement)>();
        if (settings.CarriesTempo)
        {
            tempiByBar ??= settings.Tune.Tempi.ToLookup(tempo => BarOf(tempo.Onset));
            foreach (var tempo in tempiByBar[bar])
            {
                if (tempo.Value is { Beat: { } beat, BeatsPerMinute: { } bpm })
                    timed.Add((tempo.Onset, Tempo(beat, bpm, tempo.Value.Text, staffAt(tempo.Onset))));
            }
        }
        foreach (var mark in marks)
        {
            switch (mark.Element)
            {
                case AbcDecoration decoration when DecorationNotation.ForDirection(decoration.StandardName) is var (type, placement):
                    if (DecorationNotation.WedgeStarts(decoration.StandardName) is { } startsWedge)
                    {
                        if (startsWedge == wedgeOpen)
                            continue; // a wedge end without a start, or a start inside an open wedge
                        wedgeOpen = startsWedge;
                    }
                    if (type.Element("wedge") is { } wedge)
                        wedge.SetAttributeValue("number", settings.SpanNumber);
                    timed.Add((mark.Onset, Direction(placement, staffAt(mark.Onset), type)));
                    break;
                case AbcAnnotation { Placement: { } where } annotation when annotation.Text.Length > 1:
                    timed.Add((mark.Onset, Direction(where == '_' ? "below" : "above", staffAt(mark.Onset), DecorationNotation.Words(annotation.Text[1..].Replace("\\\"", "\"", StringComparison.Ordinal)))));
                    break;
                case AbcInlineField when settings.OwnsClef && mark.Onset > barStart:
                    var clef = ClefOf(mark);
                    if (clef is not null)
                        timed.Add((mark.Onset, new XElement("attributes", ClefNotation.Element(clef, settings.Staves > 1 ? settings.Staff : 0))));
                    break;
            }
        }
        return timed;
    }

    private bool wedgeOpen;
    private ILookup<int, AbcTimedChange<Tempo>>? tempiByBar;

    /// <summary>The last bar starting at or before <paramref name="time"/> (bars start in time order), else the first.</summary>
    private int BarOf(Rational time)
    {
        var (low, high) = (0, voice.Bars.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (voice.Bars[middle].Start <= time)
                low = middle + 1;
            else
                high = middle;
        }
        return Math.Max(0, low - 1);
    }

    private XElement Direction(string placement, int staff, XElement type)
    {
        var direction = new XElement("direction", new XAttribute("placement", placement), type, new XElement("voice", settings.VoiceNumber));
        if (staff > 0)
            direction.Add(new XElement("staff", staff));
        return direction;
    }

    /// <summary>Notes of one bar: chords by (onset, duration), laid out in as many MusicXML voices as overlaps need.</summary>
    private long WriteLanes(List<XElement> measure, int barIndex, List<NoteSegment> segments, List<AbcVoiceMark> marks,
        Rational barStart, Rational barLength, KeySignature key, List<(int Bar, Rational Onset, int Offset)> staffChanges)
    {
        int StaffAt(Rational time) => this.StaffAt(staffChanges, barIndex, time);
        // Spelled in time order, so an accidental is shown where the bar first needs it, whatever lane the note is in.
        var speller = new PitchSpeller(Math.Clamp(key.Fifths, -7, 7), key.Mode == "minor");
        var lanes = noteLanes.Lay(segments, barStart);
        var spelled = new Dictionary<NoteSegment, (AbcPitch Written, int Alter)>();
        // The clef of the staff the note is on: notes moved to another staff take that staff's octave clef.
        int ClefShift(Rational time) => 12 * ClefNotation.OctaveOf(settings.Staves > 1
            ? settings.StaffClef(StaffAt(time), barIndex, time)
            : ClefAtTime(barIndex, time));
        foreach (var s in lanes.SelectMany(l => l).SelectMany(c => c).OrderBy(s => s.Onset).ThenBy(s => s.Pitch))
            spelled.TryAdd(s, speller.Spell(Math.Clamp(s.Pitch + ClefShift(s.Onset), 0, 127)));

        var timed = new Queue<(Rational Onset, XElement Element)>(Timed(barIndex, marks, barStart, StaffAt).OrderBy(t => t.Onset));
        var graces = marks.Where(m => m.Element is AbcGraceGroup && m.Pitches.Count > 0)
            .GroupBy(m => m.Onset).ToDictionary(g => g.Key, g => g.First());
        // Rests split where the voice wrote them and wherever a mark stands.
        var breaks = marks.Where(m => m.Element is AbcRest).SelectMany(m => new[] { m.Onset, m.Onset + m.Duration })
            .Concat(marks.Where(m => m.Element is AbcDecoration or AbcAnnotation).Select(m => m.Onset))
            .Concat(timed.Select(t => t.Onset))
            .Where(t => Fits(t - barStart))
            .ToHashSet();

        void Flush(Rational upTo, List<XElement> into)
        {
            while (timed.Count > 0 && timed.Peek().Onset <= upTo)
                into.Add(timed.Dequeue().Element);
        }

        var cursor = barStart;
        for (var laneIndex = 0; laneIndex < lanes.Count; laneIndex++)
        {
            cursor = barStart;
            var voiceNumber = laneIndex == 0 ? settings.VoiceNumber : settings.ExtraVoiceNumber(laneIndex);
            foreach (var chord in lanes[laneIndex])
            {
                var onset = chord[0].Onset;
                if (onset > cursor)
                {
                    if (laneIndex == 0)
                        WriteRests(measure, barIndex, cursor, onset, breaks, voiceNumber, StaffAt, Flush);
                    else
                        measure.Add(Forward(onset - cursor, voiceNumber, StaffAt(cursor)));
                }
                if (laneIndex == 0)
                    Flush(onset, measure);
                if (graces.Remove(onset, out var grace))
                    WriteGraces(measure, grace, key, ClefShift(onset), voiceNumber, StaffAt(onset));
                var notes = new List<XElement>();
                for (var k = 0; k < chord.Count; k++)
                    notes.Add(Note(chord[k], k > 0, voiceNumber, spelled[chord[k]], StaffAt(onset)));
                measure.AddRange(notes);
                starts.TryAdd((barIndex, onset), notes);
                ends[(barIndex, onset + chord[0].Duration)] = notes[0];
                cursor = onset + chord[0].Duration;
            }
            if (laneIndex == 0)
            {
                if (cursor < barStart + barLength)
                {
                    WriteRests(measure, barIndex, cursor, barStart + barLength, breaks, voiceNumber, StaffAt, Flush);
                    cursor = barStart + barLength;
                }
                Flush(Rational.Max(cursor, timed.Count == 0 ? cursor : timed.Last().Onset), measure);
            }
            if (laneIndex + 1 < lanes.Count && cursor > barStart)
                measure.Add(new XElement("backup", new XElement("duration", Divisions(cursor - barStart))));
        }
        return Divisions(cursor - barStart);
    }

    private bool Fits(Rational wholeNotes) => (wholeNotes * 4 * divisions).Denominator == 1;

    /// <summary>Rests from <paramref name="from"/> to <paramref name="to"/>, cut at the breaks, each of a length that has a note type where possible.</summary>
    private void WriteRests(List<XElement> measure, int barIndex, Rational from, Rational to, HashSet<Rational> breaks,
        string voiceNumber, Func<Rational, int> staffAt, Action<Rational, List<XElement>> flush)
    {
        var points = breaks.Where(b => b > from && b < to).Order().Append(to).ToList();
        var at = from;
        foreach (var point in points)
        {
            flush(at, measure);
            var first = true;
            foreach (var length in RestLengths(point - at))
            {
                var rest = Rest(length, voiceNumber, staffAt(at));
                measure.Add(rest);
                if (first)
                    starts.TryAdd((barIndex, at), [rest]);
                first = false;
                at += length;
            }
            at = point;
        }
    }

    /// <summary>
    /// A rest's length as lengths that each have a note type (largest first), when the divisions allow; otherwise the
    /// whole length as one rest, since a reader rounds an untyped piece with an odd length (xml2abc to 1/64 of its unit).
    /// </summary>
    private IEnumerable<Rational> RestLengths(Rational length)
    {
        static bool Typed(Rational length) => NoteTypes.Plain(length) is not null || NoteTypes.InTuplet(length) is not null;
        var pieces = new List<Rational>();
        var remaining = length;
        if (!remaining.IsPositive)
            return [];
        while (!Typed(remaining))
        {
            var piece = new Rational(4, 1);
            while (piece > remaining)
                piece /= 2;
            if (!Fits(piece) || !Fits(remaining - piece) || piece.Denominator > 1024)
                return [length];
            pieces.Add(piece);
            remaining -= piece;
        }
        pieces.Add(remaining);
        return pieces;
    }
}
