using NotaGen.Music.Abc.Parsing;

namespace NotaGen.Music.Abc.Semantics;

/// <summary>
/// Finds bars whose voices disagree: different bar counts, or bar n lasting differently in two voices
/// (what NotaGen's alignment check rejects). Reported as warnings at the offending bar.
/// </summary>
public static class AbcBarCheck
{
    public static IReadOnlyList<AbcDiagnostic> Check(AbcTuneSemantics semantics, string fileName = "<input>")
    {
        ArgumentNullException.ThrowIfNull(semantics);
        var problems = new List<AbcDiagnostic>();
        var voices = semantics.Voices.Where(v => v.Bars.Count > 0).ToList();
        if (voices.Count < 2)
            return problems;
        var reference = voices[0];
        foreach (var voice in voices.Skip(1))
        {
            var common = Math.Min(reference.Bars.Count, voice.Bars.Count);
            for (var i = 0; i < common; i++)
            {
                var a = reference.Bars[i];
                var b = voice.Bars[i];
                if (a.Duration != b.Duration)
                {
                    problems.Add(new AbcDiagnostic(fileName, b.Position,
                        $"bar {i + 1}: voice {voice.Id} lasts {b.DurationIn(semantics.UnitLength)} units of L but voice {reference.Id} lasts {a.DurationIn(semantics.UnitLength)}",
                        AbcSeverity.Warning));
                }
            }
            if (reference.Bars.Count != voice.Bars.Count)
            {
                var position = voice.Bars.Count > 0 ? voice.Bars[^1].Position : default;
                problems.Add(new AbcDiagnostic(fileName, position,
                    $"voice {voice.Id} has {voice.Bars.Count} bars but voice {reference.Id} has {reference.Bars.Count}",
                    AbcSeverity.Warning));
            }
        }
        return problems;
    }
}
