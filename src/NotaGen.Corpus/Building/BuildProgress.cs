namespace NotaGen.Corpus.Building;

/// <summary>Files done out of the total, reported after each file; rate and ETA are the reporter's business.</summary>
public readonly record struct BuildProgress(int FilesDone, int FilesTotal);
