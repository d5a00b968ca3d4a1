using System.Security.Cryptography;
using System.Text;

namespace NotaGen.Notebooks.Protocol;

/// <summary>HMAC-SHA256 over header, parent header, metadata and content, as the connection file's key asks.
/// An empty key means the client disabled signing.</summary>
public sealed class MessageSigner(string key)
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(key);

    public bool Enabled => key.Length > 0;

    public string Sign(IEnumerable<byte[]> parts)
    {
        if (!Enabled)
            return "";
        using var hmac = new HMACSHA256(key);
        foreach (var part in parts)
            hmac.TransformBlock(part, 0, part.Length, null, 0);
        hmac.TransformFinalBlock([], 0, 0);
        return Convert.ToHexStringLower(hmac.Hash!);
    }

    public bool Verify(string signature, IEnumerable<byte[]> parts)
    {
        if (!Enabled)
            return true;
        var expected = Encoding.ASCII.GetBytes(Sign(parts));
        var actual = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
