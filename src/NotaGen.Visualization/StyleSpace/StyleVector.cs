namespace NotaGen.Visualization.StyleSpace;

/// <summary>A named vector of a style space: a composer's embedding row, an adapter's weights, a piece's mean hidden state.</summary>
/// <param name="Name">What it is (a composer, a piece).</param>
/// <param name="Group">What colours it (the composer's period, say); null = "other".</param>
/// <param name="Values">The coordinates.</param>
public sealed record StyleVector(string Name, string? Group, IReadOnlyList<double> Values);
