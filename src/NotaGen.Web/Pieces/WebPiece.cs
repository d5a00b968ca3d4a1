using System.Text.Json.Nodes;

namespace NotaGen.Web.Pieces;

/// <summary>
/// A finished piece as the page shows it, held in memory: the raw model text, the restored ABC, the engraved score
/// (SVG pages), and the files to download. A file that could not be made is null and <see cref="Problems"/> says why.
/// </summary>
public sealed record WebPiece(
    string Id,
    string Name,
    JsonObject Summary,
    string RawText,
    string? Abc,
    byte[]? MusicXml,
    byte[]? Midi,
    byte[]? Wav,
    IReadOnlyList<string> ScorePages,
    IReadOnlyList<string> Problems)
{
    /// <summary>The downloads this piece has, by format name (as in the download URLs).</summary>
    public IReadOnlyList<string> Formats =>
        new (string Format, object? Content)[] { ("abc", Abc), ("musicxml", MusicXml), ("mid", Midi), ("wav", Wav), ("raw", RawText) }
            .Where(f => f.Content is not null)
            .Select(f => f.Format)
            .ToList();

    /// <summary>Bytes this piece's texts and files hold in memory (UTF-16 text counted at two bytes a character).</summary>
    public long Bytes =>
        2L * (RawText.Length + (Abc?.Length ?? 0) + ScorePages.Sum(p => (long)p.Length))
        + (MusicXml?.LongLength ?? 0) + (Midi?.LongLength ?? 0) + (Wav?.LongLength ?? 0);
}
