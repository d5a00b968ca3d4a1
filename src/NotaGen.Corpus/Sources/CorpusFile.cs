using NotaGen.Music.Scores;

namespace NotaGen.Corpus.Sources;

/// <summary>A score file found under an input folder; <see cref="RelativePath"/> uses '/' and is the labels-table key.</summary>
public sealed record CorpusFile(string FullPath, string RelativePath, ScoreFormat Format);
