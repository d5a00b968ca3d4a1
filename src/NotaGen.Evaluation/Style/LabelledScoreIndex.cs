using NotaGen.Corpus.Labels;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// The labelled scores of a folder's <c>index.tsv</c>, as Corpus's <see cref="LabelTable"/> reads it: the rows the style
/// classifiers train and are judged on.
/// </summary>
public static class LabelledScoreIndex
{
    public const string FileName = "index.tsv";

    /// <summary>Whether <paramref name="folder"/> is a folder of scores with an index (rather than a built corpus).</summary>
    public static bool IsIndexedFolder(string folder) => Directory.Exists(folder) && File.Exists(System.IO.Path.Combine(folder, FileName));

    public static IReadOnlyList<LabelRow> Read(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var file = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(file)) throw new FileNotFoundException($"{folder}: no {FileName} (a folder of scores with an index, like ../shared/corpus)", file);
        return LabelTable.Load(file).Rows;
    }
}
