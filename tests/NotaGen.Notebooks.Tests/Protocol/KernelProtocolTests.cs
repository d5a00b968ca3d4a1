using System.Text.Json.Nodes;
using NetMQ;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Notebooks.Tests.Protocol;

/// <summary>One kernel for the class; its tests run one after another, like cells.</summary>
public sealed class KernelFixture : IDisposable
{
    private readonly TempDirectory dir = new("notagen-kernel");

    public KernelFixture() => Client = new KernelTestClient(dir.Path);

    internal KernelTestClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        dir.Dispose();
    }
}

public sealed class KernelProtocolTests(KernelFixture fixture) : IClassFixture<KernelFixture>
{
    private KernelTestClient Client => fixture.Client;

    [Fact]
    public void Kernel_info_reply_is_signed_and_describes_csharp()
    {
        var id = Client.Send(Client.Shell, "kernel_info_request", []);
        var reply = Client.Receive(Client.Shell);
        Assert.True(reply.SignatureValid);
        Assert.Equal("kernel_info_reply", reply.Type);
        Assert.Equal(id, reply.ParentId);
        Assert.Equal("5.3", (string?)reply.Content["protocol_version"]);
        Assert.Equal("C#", (string?)reply.Content["language_info"]!["name"]);
        Assert.Equal(".cs", (string?)reply.Content["language_info"]!["file_extension"]);
    }

    [Fact]
    public void Execute_publishes_busy_input_stream_result_idle_and_counts()
    {
        var (reply, iopub) = Client.Execute("Console.WriteLine(\"out\");\n6 * 7");
        Assert.True(reply.SignatureValid);
        Assert.Equal("ok", (string?)reply.Content["status"]);
        var count = (int)reply.Content["execution_count"]!;
        Assert.All(iopub, m => Assert.True(m.SignatureValid));
        Assert.Equal(["status", "execute_input", "stream", "execute_result", "status"], iopub.Select(m => m.Type));
        Assert.Equal("busy", (string?)iopub[0].Content["execution_state"]);
        Assert.Equal(count, (int)iopub[1].Content["execution_count"]!);
        Assert.Equal("out\n", (string?)iopub[2].Content["text"]);
        Assert.Equal("42", (string?)iopub[3].Content["data"]!["text/plain"]);
        Assert.Equal(count, (int)iopub[3].Content["execution_count"]!);

        var (next, _) = Client.Execute("1");
        Assert.Equal(count + 1, (int)next.Content["execution_count"]!);
    }

    [Fact]
    public void A_failing_cell_replies_error_and_publishes_the_line()
    {
        var (reply, iopub) = Client.Execute("var n = 1;\nthrow new ArgumentException(\"no good\");");
        Assert.Equal("error", (string?)reply.Content["status"]);
        Assert.Equal("ArgumentException", (string?)reply.Content["ename"]);
        var error = Assert.Single(iopub, m => m.Type == "error");
        Assert.Contains("cell line 2", (string?)error.Content["evalue"]);
    }

    [Fact]
    public void A_badly_signed_request_is_not_answered()
    {
        var bad = Client.Send(Client.Shell, "execute_request", new JsonObject { ["code"] = "Console.WriteLine(\"forged\")" }, corruptSignature: true);
        var good = Client.Send(Client.Shell, "kernel_info_request", []);
        var reply = Client.Receive(Client.Shell);
        Assert.Equal(good, reply.ParentId);
        Assert.DoesNotContain(Client.IopubUntilIdle(good), m => m.ParentId == bad);
    }

    [Fact]
    public void Interrupt_on_control_stops_a_long_cell_and_the_kernel_goes_on()
    {
        var id = Client.Send(Client.Shell, "execute_request", new JsonObject { ["code"] = "System.Threading.Thread.Sleep(120_000);", ["silent"] = false });
        Client.NextIopub(id, "execute_input");
        Client.Send(Client.Control, "interrupt_request", []);
        var interruptReply = Client.Receive(Client.Control);
        Assert.Equal("interrupt_reply", interruptReply.Type);
        var reply = Client.Receive(Client.Shell);
        Assert.Equal(id, reply.ParentId);
        Assert.Equal("error", (string?)reply.Content["status"]);
        Assert.Equal("Interrupted", (string?)reply.Content["ename"]);
        Client.IopubUntilIdle(id);

        var (after, _) = Client.Execute("2 + 2");
        Assert.Equal("ok", (string?)after.Content["status"]);
    }

    [Fact]
    public void Display_handles_update_with_the_same_display_id()
    {
        var (_, iopub) = Client.Execute("var h = display(\"first\");\nh.Update(\"second\");");
        var shown = Assert.Single(iopub, m => m.Type == "display_data");
        var updated = Assert.Single(iopub, m => m.Type == "update_display_data");
        Assert.Equal((string?)shown.Content["transient"]!["display_id"], (string?)updated.Content["transient"]!["display_id"]);
        Assert.Equal("second", (string?)updated.Content["data"]!["text/plain"]);
    }

    [Fact]
    public void Completion_inspection_and_is_complete()
    {
        Client.Execute("var completionTarget = \"text\";");
        var code = "completionTarget.Len";
        Client.Send(Client.Shell, "complete_request", new JsonObject { ["code"] = code, ["cursor_pos"] = code.Length });
        var complete = Client.Receive(Client.Shell);
        Assert.Contains("Length", complete.Content["matches"]!.AsArray().Select(m => (string?)m));
        Assert.Equal(code.Length - 3, (int)complete.Content["cursor_start"]!);

        Client.Send(Client.Shell, "complete_request", new JsonObject { ["code"] = "completionT", ["cursor_pos"] = 11 });
        Assert.Contains("completionTarget", Client.Receive(Client.Shell).Content["matches"]!.AsArray().Select(m => (string?)m));

        Client.Send(Client.Shell, "inspect_request", new JsonObject { ["code"] = "Math.Abs(-1)", ["cursor_pos"] = 6, ["detail_level"] = 0 });
        var inspect = Client.Receive(Client.Shell);
        Assert.True((bool)inspect.Content["found"]!);
        Assert.Contains("Math.Abs", (string?)inspect.Content["data"]!["text/plain"]);

        // The workbench's own documentation, from the XML file built beside NotaGen.Tokenization.dll.
        var workbench = "BarPatchTokenizer.Decode(new List<Patch>())";
        Client.Send(Client.Shell, "inspect_request", new JsonObject { ["code"] = workbench, ["cursor_pos"] = workbench.IndexOf("Decode", StringComparison.Ordinal) + 2, ["detail_level"] = 0 });
        var documented = (string?)Client.Receive(Client.Shell).Content["data"]!["text/plain"];
        Assert.Contains("BarPatchTokenizer.Decode", documented);
        Assert.Contains("BOS and EOS patches are skipped", documented);

        Client.Send(Client.Shell, "is_complete_request", new JsonObject { ["code"] = "for (var i = 0; i < 3; i++) {" });
        Assert.Equal("incomplete", (string?)Client.Receive(Client.Shell).Content["status"]);
        Client.Send(Client.Shell, "is_complete_request", new JsonObject { ["code"] = "var done = 1;" });
        Assert.Equal("complete", (string?)Client.Receive(Client.Shell).Content["status"]);
    }

    [Fact]
    public void Console_ReadLine_asks_the_client_on_stdin()
    {
        var id = Client.Send(Client.Shell, "execute_request", new JsonObject { ["code"] = "Console.ReadLine() + \"!\"", ["silent"] = false, ["allow_stdin"] = true });
        var request = Client.Receive(Client.Stdin);
        Assert.Equal("input_request", request.Type);
        Assert.Equal(id, request.ParentId);
        Client.Send(Client.Stdin, "input_reply", new JsonObject { ["value"] = "typed" });
        Assert.Equal("ok", (string?)Client.Receive(Client.Shell).Content["status"]);
        var result = Client.IopubUntilIdle(id).Single(m => m.Type == "execute_result");
        Assert.Equal("typed!", (string?)result.Content["data"]!["text/plain"]);
    }

    [Fact]
    public void An_error_aborts_the_executions_queued_behind_it()
    {
        // A Run All: three cells sent at once, the first fails.
        string Cell(string code, bool stopOnError = true) => Client.Send(Client.Shell, "execute_request",
            new JsonObject { ["code"] = code, ["silent"] = false, ["store_history"] = true, ["stop_on_error"] = stopOnError });
        var failing = Cell("throw new InvalidOperationException(\"first\");");
        var second = Cell("var reachedSecond = 1;");
        var third = Cell("Console.WriteLine(\"third ran\");");
        var replies = Enumerable.Range(0, 3).Select(_ => Client.Receive(Client.Shell)).ToList();
        Assert.Equal([failing, second, third], replies.Select(r => r.ParentId));
        Assert.Equal(["error", "aborted", "aborted"], replies.Select(r => (string?)r.Content["status"]));
        // Each aborted request still goes busy → idle, so clients waiting for idle return; nothing ran.
        foreach (var id in new[] { second, third })
            Assert.Equal(["status", "status"], Client.IopubUntilIdle(id).Select(m => m.Type));
        var (check, _) = Client.Execute("reachedSecond");
        Assert.Equal("error", (string?)check.Content["status"]);

        // After the queue is drained, the next request runs normally.
        var (after, _) = Client.Execute("1 + 1");
        Assert.Equal("ok", (string?)after.Content["status"]);
    }

    [Fact]
    public void Stop_on_error_false_lets_the_queue_run()
    {
        var failing = Client.Send(Client.Shell, "execute_request", new JsonObject { ["code"] = "throw new Exception(\"x\");", ["silent"] = false, ["stop_on_error"] = false });
        var next = Client.Send(Client.Shell, "execute_request", new JsonObject { ["code"] = "40 + 2", ["silent"] = false });
        Assert.Equal("error", (string?)Client.Receive(Client.Shell).Content["status"]);
        var reply = Client.Receive(Client.Shell);
        Assert.Equal(next, reply.ParentId);
        Assert.Equal("ok", (string?)reply.Content["status"]);
        Client.IopubUntilIdle(failing);
        Client.IopubUntilIdle(next);
    }

    [Fact]
    public void Heartbeat_echoes()
    {
        Client.Heartbeat.SendFrame("ping");
        Assert.True(Client.Heartbeat.TryReceiveFrameString(TimeSpan.FromSeconds(30), out var echo));
        Assert.Equal("ping", echo);
    }
}

public sealed class KernelShutdownTests
{
    [Fact]
    public async Task Shutdown_request_is_answered_and_stops_the_kernel()
    {
        using var dir = new TempDirectory("notagen-kernel");
        using var client = new KernelTestClient(dir.Path);
        var id = client.Send(client.Control, "shutdown_request", new JsonObject { ["restart"] = false });
        var reply = client.Receive(client.Control);
        Assert.Equal("shutdown_reply", reply.Type);
        Assert.Equal(id, reply.ParentId);
        var restart = await client.ServerRun.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(restart);
    }
}
