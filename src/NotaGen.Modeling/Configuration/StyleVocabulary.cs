using System.Text.Json.Serialization;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Modeling.Configuration;

/// <summary>
/// The style values a model knows, stored with the model in <c>config.json</c>. Each axis starts with
/// <see cref="OtherValue"/> (index 0), the learned row for unknown values.
/// </summary>
public sealed record StyleVocabulary
{
    public const string OtherValue = "other";

    public IReadOnlyList<string> Periods { get; init; } = [OtherValue];

    public IReadOnlyList<string> Composers { get; init; } = [OtherValue];

    public IReadOnlyList<string> Instrumentations { get; init; } = [OtherValue];

    public static StyleVocabulary Empty => new();

    /// <summary>A vocabulary with "other" first on each axis, then the given values in order, duplicates dropped.</summary>
    public static StyleVocabulary Create(IEnumerable<string> periods, IEnumerable<string> composers, IEnumerable<string> instrumentations) => new()
    {
        Periods = WithOther(periods),
        Composers = WithOther(composers),
        Instrumentations = WithOther(instrumentations),
    };

    /// <summary>
    /// The rows of a piece's style; unknown or missing values (an unlabelled piece, or a corpus piece with an axis
    /// unknown: <see cref="StylePrompt"/> allows each to be null) map to "other".
    /// </summary>
    public StyleRows Resolve(StylePrompt? style) =>
        new(IndexOf(Periods, style?.Period), IndexOf(Composers, style?.Composer), IndexOf(Instrumentations, style?.Instrumentation));

    /// <summary>All style values in adapter order: periods, then composers, then instrumentations.</summary>
    [JsonIgnore]
    public int Count => Periods.Count + Composers.Count + Instrumentations.Count;

    /// <summary>Row of each axis's value in the combined adapter table (periods, composers, instrumentations).</summary>
    public (int Period, int Composer, int Instrumentation) AdapterRows(StyleRows labels)
    {
        Check(labels);
        return (labels.Period, Periods.Count + labels.Composer, Periods.Count + Composers.Count + labels.Instrumentation);
    }

    /// <summary>Throws when a label is outside its axis.</summary>
    public void Check(StyleRows labels)
    {
        static void In(int index, IReadOnlyList<string> axis, string name)
        {
            if (index < 0 || index >= axis.Count)
                throw new ArgumentOutOfRangeException(nameof(labels), $"{name} index {index} is outside 0..{axis.Count - 1}");
        }
        In(labels.Period, Periods, "period");
        In(labels.Composer, Composers, "composer");
        In(labels.Instrumentation, Instrumentations, "instrumentation");
    }

    private static int IndexOf(IReadOnlyList<string> axis, string? value)
    {
        if (value is null) return 0;
        for (var i = 1; i < axis.Count; i++)
            if (string.Equals(axis[i], value, StringComparison.Ordinal)) return i;
        return 0;
    }

    private static string[] WithOther(IEnumerable<string> values) =>
        [OtherValue, .. values.Where(v => v != OtherValue).Distinct(StringComparer.Ordinal)];
}
