using System.Text.Json.Nodes;

namespace NotaGen.Web.Jobs;

/// <summary>
/// One server-sent event of a generation job: <c>queued</c> (position), <c>started</c>, <c>text</c> (finished lines of
/// the raw model text, bar by bar), <c>done</c> (the piece's id), <c>failed</c> or <c>cancelled</c> (with a reason).
/// </summary>
public sealed record JobEvent(string Type, JsonObject Data)
{
    /// <summary>After one of these the job sends nothing more.</summary>
    public bool IsFinal => Type is "done" or "failed" or "cancelled";
}
