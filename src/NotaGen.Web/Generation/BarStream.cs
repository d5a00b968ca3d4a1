using System.Text;
using System.Text.Json.Nodes;
using NotaGen.Generation;
using NotaGen.Web.Jobs;

namespace NotaGen.Web.Generation;

/// <summary>
/// Turns the generator's patches into the page's stream: text is sent a whole line at a time, so the page grows bar
/// by bar (each body line is one bar of every voice), with the count of bars written so far.
/// </summary>
internal sealed class BarStream(GenerationJob job)
{
    private readonly StringBuilder _pending = new();
    private int _bars;

    public void OnPatch(PatchStreamEvent patch)
    {
        _pending.Append(patch.Text);
        var end = _pending.ToString().LastIndexOf('\n');
        if (end < 0)
            return;
        var lines = _pending.ToString(0, end + 1);
        _pending.Remove(0, end + 1);
        if (patch.InBody)
            _bars += lines.Count(c => c == '\n');
        Send(lines);
    }

    /// <summary>Sends what is left of an unfinished last line.</summary>
    public void Flush()
    {
        if (_pending.Length == 0)
            return;
        Send(_pending.ToString());
        _pending.Clear();
    }

    private void Send(string text) => job.Events.Add(new JobEvent("text", new JsonObject { ["text"] = text, ["bars"] = _bars }));
}
