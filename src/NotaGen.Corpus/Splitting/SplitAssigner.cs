using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NotaGen.Corpus.Output;

namespace NotaGen.Corpus.Splitting;

/// <summary>
/// Assigns a split from a hash of a stable key: the piece's duplicate group when it has one (so every copy of a work
/// lands on the same side), else the piece id. SHA-256 of the UTF-8 key, first 8 bytes as a fraction of 2^64: the same
/// key gives the same split on every machine and run, with no random state.
/// </summary>
public static class SplitAssigner
{
    public static string Assign(string pieceId, string? dupGroup, SplitFractions fractions) =>
        Of(Unit(dupGroup is null ? "piece:" + pieceId : "group:" + dupGroup), fractions);

    /// <summary>The key's position in [0, 1): SHA-256 of its UTF-8 bytes, first 8 bytes big-endian over 2^64.</summary>
    public static double Unit(string key) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key))) / 18446744073709551616.0;

    /// <summary>Test below the test share, validation in the next share, train above.</summary>
    public static string Of(double unit, SplitFractions fractions) =>
        unit < fractions.Test ? CorpusSplits.Test : unit < fractions.Test + fractions.Validation ? CorpusSplits.Validation : CorpusSplits.Train;
}
