using System.Globalization;
using System.Xml.Linq;
using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Abc.Writing;
using NotaGen.Music.Time;

namespace NotaGen.Music.MusicXml;

/// <summary>Writes one ABC voice as one MusicXML part, bar by bar.</summary>
internal sealed class VoicePartWriter(AbcTuneSemantics tune, AbcVoice voice, string partId, long divisions, bool carriesTempo)
{
    private sealed record Segment(Rational Onset, Rational Duration, int Pitch, bool TieStart, bool TieStop);

    public XElement Write()
    {
        var part = new XElement("part", new XAttribute("id", partId));
        var segments = SplitAtBarLines();
        Meter? meter = null;
        int? fifths = null;
        for (var i = 0; i < Math.Max(voice.Bars.Count, segments.Count); i++)
        {
            var bar = i < voice.Bars.Count ? voice.Bars[i] : null;
            var start = bar?.Start ?? Rational.Zero;
            var length = bar?.Duration ?? Rational.Zero;
            var measure = new XElement("measure", new XAttribute("number", (i + 1).ToString(CultureInfo.InvariantCulture)));
            var attributes = new XElement("attributes");
            if (i == 0)
                attributes.Add(new XElement("divisions", divisions));
            var key = tune.Keys.LastOrDefault(k => k.Onset <= start)?.Value ?? KeySignature.CMajor;
            if (fifths != key.Fifths)
            {
                fifths = key.Fifths;
                attributes.Add(new XElement("key", new XElement("fifths", key.Fifths), new XElement("mode", key.Mode is "major" or "minor" ? key.Mode : "none")));
            }
            if (bar is not null && !bar.Meter.IsFree && bar.Meter != meter)
            {
                meter = bar.Meter;
                attributes.Add(new XElement("time", new XElement("beats", meter.Numerator), new XElement("beat-type", meter.Denominator)));
            }
            if (i == 0)
                attributes.Add(Clef(voice.Definition?.Clef.Clef));
            if (attributes.HasElements)
                measure.Add(attributes);
            if (i == 0 && carriesTempo && tune.Tempi.FirstOrDefault() is { Value: { Beat: { } beat, BeatsPerMinute: { } bpm } })
                measure.Add(Tempo(beat, bpm));
            var inBar = i < segments.Count ? segments[i] : [];
            WriteLanes(measure, inBar, start, length, key.Fifths, key.Mode == "minor");
            MarkTuplets(measure);
            part.Add(measure);
        }
        return part;
    }

    /// <summary>Sounding notes cut at bar lines (tied), grouped by bar.</summary>
    private List<List<Segment>> SplitAtBarLines()
    {
        var result = new List<List<Segment>>();
        foreach (var bar in voice.Bars)
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
                result[barIndex].Add(new Segment(onset, segmentEnd - onset, note.Pitch, more, !first));
                if (!more)
                    break;
                onset = segmentEnd;
                barIndex++;
                first = false;
            }
        }
        return result;
    }

    /// <summary>Notes of one bar: chords by (onset, duration), laid out in as many MusicXML voices as overlaps need.</summary>
    private void WriteLanes(XElement measure, List<Segment> segments, Rational barStart, Rational barLength, int fifths, bool minor)
    {
        // Spelled in time order, so an accidental is shown where the bar first needs it, whatever lane the note is in.
        var speller = new PitchSpeller(Math.Clamp(fifths, -7, 7), minor);
        var spelled = new Dictionary<Segment, (AbcPitch Written, int Alter)>();
        foreach (var s in segments.OrderBy(s => s.Onset).ThenBy(s => s.Pitch))
            spelled.TryAdd(s, speller.Spell(s.Pitch));
        var chords = segments.GroupBy(s => (s.Onset, s.Duration))
            .Select(g => g.OrderBy(s => s.Pitch).ToList())
            .OrderBy(c => c[0].Onset).ThenByDescending(c => c[0].Duration)
            .ToList();
        var lanes = new List<List<List<Segment>>>();
        foreach (var chord in chords)
        {
            var lane = lanes.FirstOrDefault(l => l[^1][0].Onset + l[^1][0].Duration <= chord[0].Onset);
            if (lane is null)
                lanes.Add([chord]);
            else
                lane.Add(chord);
        }
        if (lanes.Count == 0)
            lanes.Add([]);
        for (var laneIndex = 0; laneIndex < lanes.Count; laneIndex++)
        {
            var cursor = barStart;
            var voiceNumber = (laneIndex + 1).ToString(CultureInfo.InvariantCulture);
            foreach (var chord in lanes[laneIndex])
            {
                if (chord[0].Onset > cursor)
                    measure.Add(Gap(chord[0].Onset - cursor, laneIndex == 0, voiceNumber));
                for (var k = 0; k < chord.Count; k++)
                    measure.Add(Note(chord[k], k > 0, voiceNumber, spelled[chord[k]]));
                cursor = chord[0].Onset + chord[0].Duration;
            }
            if (laneIndex == 0 && cursor < barStart + barLength)
            {
                measure.Add(Gap(barStart + barLength - cursor, true, voiceNumber));
                cursor = barStart + barLength;
            }
            if (laneIndex + 1 < lanes.Count && cursor > barStart)
                measure.Add(new XElement("backup", new XElement("duration", Divisions(cursor - barStart))));
        }
    }

    /// <summary>
    /// Brackets every run of consecutive notes and rests of one voice that share a time modification with tuplet
    /// start and stop marks. Without them a reader (xml2abc, and ours after it) runs a tuplet on over every following
    /// note with any time modification and takes the first note's ratio for all, which changes the durations of mixed
    /// tuplets (a 3:2 run followed by a 6:4 one).
    /// </summary>
    private static void MarkTuplets(XElement measure)
    {
        var run = new List<XElement>();
        (string, string)? factor = null;
        string? voiceOfRun = null;
        void Close()
        {
            if (run.Count > 0)
            {
                Notations(run[0]).Add(new XElement("tuplet", new XAttribute("type", "start")));
                Notations(run[^1]).Add(new XElement("tuplet", new XAttribute("type", "stop")));
            }
            run.Clear();
            factor = null;
        }
        foreach (var element in measure.Elements())
        {
            if (element.Name != "note")
            {
                Close(); // <backup> and <forward> end a run
                continue;
            }
            if (element.Element("chord") is not null)
                continue; // a chord's marks sit on its first note
            var modification = element.Element("time-modification");
            var voice = (string?)element.Element("voice");
            var current = modification is null ? ((string, string)?)null : (modification.Element("actual-notes")!.Value, modification.Element("normal-notes")!.Value);
            if (current != factor || voice != voiceOfRun)
                Close();
            if (current is not null)
            {
                run.Add(element);
                factor = current;
                voiceOfRun = voice;
            }
        }
        Close();
    }

    private static XElement Notations(XElement note)
    {
        var notations = note.Element("notations");
        if (notations is null)
        {
            notations = new XElement("notations");
            note.Add(notations);
        }
        return notations;
    }

    private long Divisions(Rational wholeNotes)
    {
        var d = wholeNotes * 4 * divisions;
        return d.Numerator / d.Denominator;
    }

    private XElement Gap(Rational length, bool asRest, string voiceNumber)
    {
        if (!asRest)
            return new XElement("forward", new XElement("duration", Divisions(length)), new XElement("voice", voiceNumber));
        var rest = new XElement("note", new XElement("rest"), new XElement("duration", Divisions(length)), new XElement("voice", voiceNumber));
        AddType(rest, length);
        return rest;
    }

    private XElement Note(Segment s, bool chord, string voiceNumber, (AbcPitch Written, int Alter) spelling)
    {
        // ABC octave 0 is the octave of middle C, MusicXML's octave 4.
        var pitch = new XElement("pitch", new XElement("step", spelling.Written.Step.ToString()));
        if (spelling.Alter != 0)
            pitch.Add(new XElement("alter", spelling.Alter));
        pitch.Add(new XElement("octave", spelling.Written.Octave + 4));
        var note = new XElement("note");
        if (chord)
            note.Add(new XElement("chord"));
        note.Add(pitch, new XElement("duration", Divisions(s.Duration)));
        if (s.TieStop)
            note.Add(new XElement("tie", new XAttribute("type", "stop")));
        if (s.TieStart)
            note.Add(new XElement("tie", new XAttribute("type", "start")));
        note.Add(new XElement("voice", voiceNumber));
        AddType(note, s.Duration, AccidentalName(spelling.Written.Accidental));
        if (s.TieStart || s.TieStop)
        {
            var notations = new XElement("notations");
            if (s.TieStop)
                notations.Add(new XElement("tied", new XAttribute("type", "stop")));
            if (s.TieStart)
                notations.Add(new XElement("tied", new XAttribute("type", "start")));
            note.Add(notations);
        }
        return note;
    }

    private static string? AccidentalName(AbcAccidental accidental) => accidental.Kind switch
    {
        AbcAccidentalKind.Sharp => "sharp",
        AbcAccidentalKind.Flat => "flat",
        AbcAccidentalKind.Natural => "natural",
        AbcAccidentalKind.DoubleSharp => "double-sharp",
        AbcAccidentalKind.DoubleFlat => "flat-flat",
        _ => null,
    };

    /// <summary>Type and dots, then the displayed accidental, then any time modification: the order the schema asks.</summary>
    private static void AddType(XElement note, Rational duration, string? accidental = null)
    {
        if (NoteTypes.Plain(duration) is { } plain)
        {
            note.Add(new XElement("type", plain.Type));
            for (var i = 0; i < plain.Dots; i++)
                note.Add(new XElement("dot"));
            if (accidental is not null)
                note.Add(new XElement("accidental", accidental));
        }
        else if (NoteTypes.InTuplet(duration) is { } tuplet)
        {
            note.Add(new XElement("type", tuplet.Type));
            for (var i = 0; i < tuplet.Dots; i++)
                note.Add(new XElement("dot"));
            if (accidental is not null)
                note.Add(new XElement("accidental", accidental));
            note.Add(new XElement("time-modification", new XElement("actual-notes", tuplet.Actual), new XElement("normal-notes", tuplet.Normal)));
        }
    }

    private static XElement Clef(string? name)
    {
        var (sign, line) = name switch
        {
            { } n when n.StartsWith("bass", StringComparison.Ordinal) => ("F", 4),
            { } n when n.StartsWith("alto", StringComparison.Ordinal) => ("C", 3),
            { } n when n.StartsWith("tenor", StringComparison.Ordinal) => ("C", 4),
            { } n when n.StartsWith("perc", StringComparison.Ordinal) => ("percussion", 0),
            _ => ("G", 2),
        };
        var clef = new XElement("clef", new XElement("sign", sign));
        if (line > 0)
            clef.Add(new XElement("line", line));
        return clef;
    }

    private static XElement Tempo(Rational beat, Rational bpm)
    {
        var quarterBpm = bpm * beat * 4;
        var metronome = new XElement("metronome");
        if (NoteTypes.Plain(beat) is { } unit)
        {
            metronome.Add(new XElement("beat-unit", unit.Type));
            for (var i = 0; i < unit.Dots; i++)
                metronome.Add(new XElement("beat-unit-dot"));
        }
        else
            metronome.Add(new XElement("beat-unit", "quarter"));
        metronome.Add(new XElement("per-minute", NoteTypes.Plain(beat) is null ? quarterBpm.ToDouble().ToString("0.##", CultureInfo.InvariantCulture) : bpm.ToDouble().ToString("0.##", CultureInfo.InvariantCulture)));
        return new XElement("direction", new XAttribute("placement", "above"),
            new XElement("direction-type", metronome),
            new XElement("sound", new XAttribute("tempo", quarterBpm.ToDouble().ToString("0.###", CultureInfo.InvariantCulture))));
    }
}
