using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Events;
using NotaGen.Music.Time;

namespace NotaGen.Music.Abc.Semantics;

/// <summary>The <see cref="ScoreEvents"/> view of an ABC tune: what sounds when, for MIDI export and metrics.</summary>
public static class AbcScoreEventsBuilder
{
    public static ScoreEvents ToScoreEvents(this AbcTune tune, string fileName = "<input>", CancellationToken cancel = default) =>
        AbcInterpreter.Interpret(tune, fileName, cancel).ToScoreEvents();

    public static ScoreEvents ToScoreEvents(this AbcTuneSemantics semantics)
    {
        ArgumentNullException.ThrowIfNull(semantics);
        var voiceOrder = semantics.Voices.Select((v, i) => (v.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var voices = semantics.Voices
            .Select(v => new VoiceInfo(v.Id, v.Definition?.Name, v.Definition?.ShortName, v.Definition?.Clef.Clef))
            .ToList();
        var notes = semantics.Voices
            .SelectMany(v => v.Notes.Select(n => new NoteEvent(v.Id, n.Bar, n.Onset, n.Duration, n.Pitch, n.Velocity)))
            .OrderBy(n => n.Onset)
            .ThenBy(n => voiceOrder[n.Voice])
            .ThenBy(n => n.Pitch)
            .ToList();
        var tempi = semantics.Tempi
            .Select(t => new TempoEvent(t.Onset, t.Value.Beat!.Value, t.Value.BeatsPerMinute!.Value))
            .ToList();
        var meters = semantics.Meters
            .Where(m => !m.Value.IsFree)
            .Select(m => new MeterEvent(m.Onset, m.Value.Numerator, m.Value.Denominator))
            .ToList();
        var keys = semantics.Keys
            .Select(k => new KeyEvent(k.Onset, k.Value.Fifths, k.Value.Mode))
            .ToList();
        var end = Rational.Zero;
        foreach (var voice in semantics.Voices)
            end = Rational.Max(end, voice.End);
        foreach (var note in notes)
            end = Rational.Max(end, note.Onset + note.Duration);
        return new ScoreEvents(voices, notes, tempi, meters, keys) { End = end };
    }
}
