using System.Text.Json.Nodes;

namespace NotaGen.Notebooks.Protocol;

/// <summary>
/// One message of the Jupyter messaging protocol (version 5.3): the routing identities, the four JSON parts and any
/// binary buffers. JSON parts stay as <see cref="JsonObject"/> because handlers read only a few fields of each.
/// </summary>
public sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content)
{
    public const string ProtocolVersion = "5.3";

    public string Type => (string?)Header["msg_type"] ?? "";

    public string Id => (string?)Header["msg_id"] ?? "";

    /// <summary>A new message answering or caused by <paramref name="parent"/> (same session, parent header set).</summary>
    public static JupyterMessage Reply(JupyterMessage? parent, string type, JsonObject content, IReadOnlyList<byte[]>? identities = null) =>
        new(identities ?? parent?.Identities ?? [], NewHeader(type, (string?)parent?.Header["session"], (string?)parent?.Header["username"]),
            parent is null ? [] : (JsonObject)parent.Header.DeepClone(), [], content);

    public static JsonObject NewHeader(string type, string? session = null, string? username = null) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString(),
        ["session"] = session ?? KernelSession,
        ["username"] = username ?? "kernel",
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffzzz"),
        ["msg_type"] = type,
        ["version"] = ProtocolVersion,
    };

    /// <summary>The kernel's own session id, used on messages that have no parent.</summary>
    public static readonly string KernelSession = Guid.NewGuid().ToString();
}
