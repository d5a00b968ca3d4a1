namespace NotaGen.Corpus.Labels;

/// <summary>One row of a labels table (the shared corpus's index.tsv format); empty cells are null.</summary>
public sealed record LabelRow(
    string Path,
    string? Composer,
    string? Period,
    string? Instrumentation,
    string? Licence,
    bool IsExercise,
    string? DupGroup,
    string? Source = null);
