namespace NotaGen.Generation.Outputs;

/// <summary>
/// The files written for one generated piece. The raw text is always written; the others need a piece that restores
/// and interprets, and are null when they could not be made (<see cref="Problems"/> says why).
/// </summary>
public sealed record PieceFiles(
    string Raw,
    string? Abc,
    string? MusicXml,
    string? Midi,
    string? Wav,
    IReadOnlyList<string> Problems)
{
    /// <summary>Every file that was written, raw text first.</summary>
    public IEnumerable<string> Written => new[] { Raw, Abc, MusicXml, Midi, Wav }.OfType<string>();
}
