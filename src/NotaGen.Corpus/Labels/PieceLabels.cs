namespace NotaGen.Corpus.Labels;

/// <summary>A piece's style labels, as the trainer's JSON reads them; any axis may be unknown.</summary>
public sealed record PieceLabels(string? Period, string? Composer, string? Instrumentation)
{
    /// <summary>True when NotaGen could condition on these labels: a NotaGen period, a composer and one of the six classes.</summary>
    public bool CanPrompt => Period is "Baroque" or "Classical" or "Romantic" && Composer is not null
        && Labels.Instrumentation.IsNotaGenClass(Instrumentation);
}
