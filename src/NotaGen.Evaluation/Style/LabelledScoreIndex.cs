using NotaGen.Corpus.Labels;

namespace NotaGen.Evaluation.Style;

/// <summary>One labelled score of a score folder's <c>index.tsv</c> (the shared corpus's layout); empty cells are null.</summary>
/// <param name="Path">Relative to the folder, as the index writes it.</param>
/// <param name="IsExercise">The index's <c>is_exercise</c>: a textbook example (harmony exercises in four-part chorale style), labelled with its author's period rather than a style of its own.</param>
public sealed record LabelledScore(string Path, string Source, string? Composer, string? Period, string? Instrumentation, string? Licence, string? DupGroup, bool IsExercise = false);

/// <summary>
/// The labelled scores of a folder's <c>index.tsv</c>, as Corpus's <see cref="LabelTable"/> reads it: the rows the style
/// classifiers train and are judged on.
/// </summary>
public static class LabelledScoreIndex
{
    public const string FileName = "index.tsv";

    /// <summary>Whether <paramref name="folder"/> is a folder of scores with an index (rather than a built corpus).</summary>
    public static bool IsIndexedFolder(string folder) => Directory.Exists(folder) && File.Exists(System.IO.Path.Combine(folder, FileName));

    public static IReadOnlyList<LabelledScore> Read(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var file = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(file)) throw new FileNotFoundException($"{folder}: no {FileName} (a folder of scores with an index, like ../shared/corpus)", file);
        return LabelTable.Load(file).Rows
            .Select(r => new LabelledScore(r.Path, r.Source ?? "", r.Composer, r.Period, r.Instrumentation, r.Licence, r.DupGroup, r.IsExercise))
            .ToList();
    }
}
