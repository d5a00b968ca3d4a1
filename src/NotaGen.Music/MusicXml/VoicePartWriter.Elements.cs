using System.Globalization;
using System.Xml.Linq;
using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Abc.Writing;
using NotaGen.Music.Time;

namespace NotaGen.Music.MusicXml;

// Builders of single MusicXML elements: notes, rests, forwards, grace notes, pitches, note types, tempo marks.
internal sealed partial class VoicePartWriter
{
    private static void WriteGraces(List<XElement> measure, AbcVoiceMark mark, KeySignature key, int clefShift, string voiceNumber, int staff)
    {
        var group = (AbcGraceGroup)mark.Element;
        var speller = new PitchSpeller(Math.Clamp(key.Fifths, -7, 7), key.Mode == "minor");
        var type = mark.Pitches.Count == 1 ? "eighth" : "16th";
        foreach (var pitch in mark.Pitches)
        {
            var note = new XElement("note", new XElement("grace", group.Acciaccatura ? new XAttribute("slash", "yes") : null),
                Pitch(speller.Spell(Math.Clamp(pitch + clefShift, 0, 127))), new XElement("voice", voiceNumber), new XElement("type", type));
            if (staff > 0)
                note.Add(new XElement("staff", staff));
            measure.Add(note);
        }
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
    private XElement Forward(Rational length, string voiceNumber, int staff)
    {
        var forward = new XElement("forward", new XElement("duration", Divisions(length)), new XElement("voice", voiceNumber));
        if (staff > 0)
            forward.Add(new XElement("staff", staff));
        return forward;
    }
    private XElement Rest(Rational length, string voiceNumber, int staff)
    {
        var rest = new XElement("note", new XElement("rest"), new XElement("duration", Divisions(length)), new XElement("voice", voiceNumber));
        AddType(rest, length);
        if (staff > 0)
            rest.Add(new XElement("staff", staff));
        return rest;
    }
    private static XElement Pitch((AbcPitch Written, int Alter) spelling)
    {
        // ABC octave 0 is the octave of middle C, MusicXML's octave 4.
        var pitch = new XElement("pitch", new XElement("step", spelling.Written.Step.ToString()));
        if (spelling.Alter != 0)
            pitch.Add(new XElement("alter", spelling.Alter));
        pitch.Add(new XElement("octave", spelling.Written.Octave + 4));
        return pitch;
    }
    private XElement Note(NoteSegment s, bool chord, string voiceNumber, (AbcPitch Written, int Alter) spelling, int staff)
    {
        var note = new XElement("note");
        if (chord)
            note.Add(new XElement("chord"));
        note.Add(Pitch(spelling), new XElement("duration", Divisions(s.Duration)));
        if (s.TieStop)
            note.Add(new XElement("tie", new XAttribute("type", "stop")));
        if (s.TieStart)
            note.Add(new XElement("tie", new XAttribute("type", "start")));
        note.Add(new XElement("voice", voiceNumber));
        AddType(note, s.Duration, AccidentalName(spelling.Written.Accidental));
        if (staff > 0)
            note.Add(new XElement("staff", staff));
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
        else if (accidental is not null)
            note.Add(new XElement("accidental", accidental));
    }
    /// <summary>A metronome mark (with the Q: text as words) and the tempo in quarter notes per minute for playback.</summary>
    private static XElement Tempo(Rational beat, Rational bpm, string? text, int staff)
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
        var direction = new XElement("direction", new XAttribute("placement", "above"));
        if (!string.IsNullOrWhiteSpace(text))
            direction.Add(DecorationNotation.Words(text));
        direction.Add(new XElement("direction-type", metronome));
        if (staff > 0)
            direction.Add(new XElement("staff", staff));
        direction.Add(new XElement("sound", new XAttribute("tempo", quarterBpm.ToDouble().ToString("0.###", CultureInfo.InvariantCulture))));
        return direction;
    }
}
