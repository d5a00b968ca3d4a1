using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Events;

namespace NotaGen.Music.Tests.NotaGenFormat;

/// <summary>The notes the ABC engine hears in a text, for comparing two texts of the same music.</summary>
internal static class EngineNotes
{
    /// <summary>The sounding notes of the text's single tune, or null when the engine reports parse errors.</summary>
    public static IReadOnlyList<NoteEvent>? Of(string abcText, string file)
    {
        var document = AbcParser.Parse(abcText, file);
        if (document.HasErrors || document.Tunes.Count != 1)
            return null;
        return document.Tunes[0].ToScoreEvents(file).Notes;
    }

    /// <summary>Each voice's notes as (pitch, duration) in time order: what must survive dropping and restoring rests.</summary>
    public static Dictionary<string, List<(int Pitch, Time.Rational Duration)>> PitchesAndDurations(IReadOnlyList<NoteEvent> notes) =>
        notes.GroupBy(n => n.Voice).ToDictionary(
            g => g.Key,
            g => g.OrderBy(n => n.Onset).ThenBy(n => n.Pitch).Select(n => (n.Pitch, n.Duration)).ToList());
}
