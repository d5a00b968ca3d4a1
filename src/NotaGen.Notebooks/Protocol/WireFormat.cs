using System.Text;
using System.Text.Json.Nodes;
using NetMQ;

namespace NotaGen.Notebooks.Protocol;

/// <summary>
/// Frames on the wire: identities..., "&lt;IDS|MSG&gt;", signature, header, parent header, metadata, content, buffers...
/// Decoding verifies the signature; a message that fails is rejected, never handled.
/// </summary>
public sealed class WireFormat(MessageSigner signer)
{
    private static readonly byte[] Delimiter = Encoding.ASCII.GetBytes("<IDS|MSG>");

    public NetMQMessage Encode(JupyterMessage message)
    {
        byte[][] parts =
        [
            Encoding.UTF8.GetBytes(message.Header.ToJsonString()),
            Encoding.UTF8.GetBytes(message.ParentHeader.ToJsonString()),
            Encoding.UTF8.GetBytes(message.Metadata.ToJsonString()),
            Encoding.UTF8.GetBytes(message.Content.ToJsonString()),
        ];
        var frames = new NetMQMessage();
        foreach (var identity in message.Identities)
            frames.Append(identity);
        frames.Append(Delimiter);
        frames.Append(signer.Sign(parts));
        foreach (var part in parts)
            frames.Append(part);
        return frames;
    }

    /// <summary>The message, or null with <paramref name="problem"/> set when it is malformed or badly signed.</summary>
    public JupyterMessage? Decode(NetMQMessage frames, out string? problem)
    {
        var all = frames.Select(f => f.ToByteArray()).ToList();
        var delimiter = all.FindIndex(f => f.AsSpan().SequenceEqual(Delimiter));
        if (delimiter < 0 || all.Count < delimiter + 6)
        {
            problem = "malformed message (no <IDS|MSG> delimiter or missing parts)";
            return null;
        }
        var signature = Encoding.ASCII.GetString(all[delimiter + 1]);
        var parts = all.GetRange(delimiter + 2, 4);
        if (!signer.Verify(signature, parts))
        {
            problem = "invalid signature";
            return null;
        }
        try
        {
            JsonObject Parse(byte[] bytes) => JsonNode.Parse(bytes) as JsonObject ?? [];
            problem = null;
            return new JupyterMessage(all.GetRange(0, delimiter), Parse(parts[0]), Parse(parts[1]), Parse(parts[2]), Parse(parts[3]));
        }
        catch (System.Text.Json.JsonException e)
        {
            problem = "malformed JSON: " + e.Message;
            return null;
        }
    }
}
