using System.Reflection;
using System.Text.Json.Nodes;
using NetMQ;
using NotaGen.Notebooks.Display;
using NotaGen.Notebooks.Protocol;
using NotaGen.Notebooks.Scripting;

namespace NotaGen.Notebooks.Kernel;

/// <summary>Answers each request type of the shell and control channels; every request is wrapped in busy/idle.</summary>
internal sealed class KernelRequests(KernelSockets sockets, ScriptSession session, CancellationTokenSource stopping)
{
    private static readonly TimeSpan InputPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>Only what is already queued when a cell fails counts as queued behind it (a Run All sends its cells
    /// at once, so they wait there while the first runs).</summary>
    private static readonly TimeSpan QueueDrain = TimeSpan.Zero;
    private readonly CodeAssistance assistance = new(session);
    private CancellationTokenSource? running;
    private int executionCount;

    public bool RestartRequested { get; private set; }

    public void Interrupt() => Volatile.Read(ref running)?.Cancel();

    public void Handle(NetMQSocket socket, JupyterMessage request)
    {
        sockets.Publish(request, "status", new JsonObject { ["execution_state"] = "busy" });
        try
        {
            var reply = request.Type switch
            {
                "kernel_info_request" => KernelInfo(),
                "execute_request" => Execute(request),
                "complete_request" => Complete(request.Content),
                "inspect_request" => Inspect(request.Content),
                "is_complete_request" => IsComplete(request.Content),
                "interrupt_request" => InterruptReply(),
                "shutdown_request" => Shutdown(request.Content),
                "comm_info_request" => new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() },
                "history_request" => new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() },
                _ => null,
            };
            if (reply is null)
                KernelLog.Write($"ignored a {request.Type} (not supported)");
            else
                sockets.Send(socket, JupyterMessage.Reply(request, request.Type.Replace("_request", "_reply"), reply));
            // Before this request's idle: a client that waits for it has sent nothing more, so what is queued now
            // was sent with it (a Run All).
            if (request.Type == "execute_request" && (string?)reply?["status"] == "error" && StopsOnError(request.Content))
                AbortQueuedExecutions(socket);
        }
        finally
        {
            sockets.Publish(request, "status", new JsonObject { ["execution_state"] = "idle" });
        }
    }

    /// <summary>The protocol's default: a failed cell aborts the executions queued after it, unless the request
    /// says <c>stop_on_error: false</c>; silent executions never stop others.</summary>
    private static bool StopsOnError(JsonObject content) =>
        ((bool?)content["stop_on_error"] ?? true) && !((bool?)content["silent"] ?? false);

    /// <summary>
    /// Answers the execute requests already queued behind a failed one with status "aborted" (busy/idle around each,
    /// as clients wait for idle), so one error in a Run All does not become a cascade of knock-on errors. Other
    /// requests in the queue (completion, kernel info) are served as usual.
    /// </summary>
    private void AbortQueuedExecutions(NetMQSocket socket)
    {
        while (sockets.Receive(socket, QueueDrain) is { } queued)
        {
            if (queued.Type != "execute_request")
            {
                Handle(socket, queued);
                continue;
            }
            sockets.Publish(queued, "status", new JsonObject { ["execution_state"] = "busy" });
            sockets.Send(socket, JupyterMessage.Reply(queued, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = executionCount }));
            sockets.Publish(queued, "status", new JsonObject { ["execution_state"] = "idle" });
            KernelLog.Write("aborted a queued execute_request after an error (stop_on_error)");
        }
    }

    private static JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = KernelLanguage.KernelName,
        ["implementation_version"] = typeof(KernelRequests).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
        ["language_info"] = KernelLanguage.LanguageInfo(),
        ["banner"] = $"{KernelLanguage.DisplayName}: C# {KernelLanguage.CSharpVersion} on .NET {Environment.Version}, with the NotaGen workbench",
        ["help_links"] = new JsonArray(),
        ["debugger"] = false,
    };

    private JsonObject Execute(JupyterMessage request)
    {
        var content = request.Content;
        var code = (string?)content["code"] ?? "";
        var silent = (bool?)content["silent"] ?? false;
        var storeHistory = (bool?)content["store_history"] ?? !silent;
        var allowStdin = (bool?)content["allow_stdin"] ?? false;
        if (storeHistory && !silent)
            executionCount++;
        var count = executionCount;

        // Armed before execute_input goes out, so an interrupt sent as soon as the client sees the cell start counts.
        using var interrupt = new CancellationTokenSource();
        using var shutdown = stopping.Token.Register(interrupt.Cancel);
        Volatile.Write(ref running, interrupt);
        if (!silent)
            sockets.Publish(request, "execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count });
        CellOutcome outcome;
        try
        {
            ICellOutput output = silent ? new DiscardedOutput() : new IopubCellOutput(sockets, request);
            outcome = session.ExecuteAsync(code, output, count, interrupt.Token,
                input: allowStdin ? prompt => ReadInput(request, prompt, interrupt.Token) : null).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            // A fault of the kernel itself, not of the cell: still answer, so the client does not wait forever.
            KernelLog.Write($"execute failed: {e}");
            outcome = CellOutcome.Failure("KernelError", e.Message, [e.ToString()]);
        }
        finally
        {
            Volatile.Write(ref running, null);
        }

        return outcome.Succeeded
            ? new JsonObject { ["status"] = "ok", ["execution_count"] = count, ["user_expressions"] = new JsonObject(), ["payload"] = new JsonArray() }
            : new JsonObject
            {
                ["status"] = "error",
                ["execution_count"] = count,
                ["ename"] = outcome.ErrorName,
                ["evalue"] = outcome.ErrorValue,
                ["traceback"] = new JsonArray([.. (outcome.Traceback ?? []).Select(t => JsonValue.Create(t))]),
            };
    }

    /// <summary>Asks the client for a line of input on the stdin channel (Console.ReadLine in a cell).</summary>
    private string ReadInput(JupyterMessage request, string prompt, CancellationToken cancel)
    {
        lock (sockets.Stdin)
        {
            sockets.Send(sockets.Stdin, JupyterMessage.Reply(request, "input_request", new JsonObject { ["prompt"] = prompt, ["password"] = false }));
            while (true)
            {
                cancel.ThrowIfCancellationRequested();
                if (sockets.Receive(sockets.Stdin, InputPoll) is { Type: "input_reply" } reply)
                    return (string?)reply.Content["value"] ?? "";
            }
        }
    }

    private JsonObject Complete(JsonObject content)
    {
        var completion = assistance.Complete((string?)content["code"] ?? "", (int?)content["cursor_pos"] ?? 0);
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray([.. completion.Matches.Select(m => JsonValue.Create(m))]),
            ["cursor_start"] = completion.CursorStart,
            ["cursor_end"] = completion.CursorEnd,
            ["metadata"] = new JsonObject(),
        };
    }

    private JsonObject Inspect(JsonObject content)
    {
        var found = assistance.Inspect((string?)content["code"] ?? "", (int?)content["cursor_pos"] ?? 0);
        return new JsonObject
        {
            ["status"] = "ok",
            ["found"] = found is not null,
            ["data"] = found is null ? new JsonObject() : new JsonObject { ["text/plain"] = found },
            ["metadata"] = new JsonObject(),
        };
    }

    private static JsonObject IsComplete(JsonObject content) =>
        CodeAssistance.IsComplete((string?)content["code"] ?? "")
            ? new JsonObject { ["status"] = "complete" }
            : new JsonObject { ["status"] = "incomplete", ["indent"] = "    " };

    private JsonObject InterruptReply()
    {
        Interrupt();
        return new JsonObject { ["status"] = "ok" };
    }

    private JsonObject Shutdown(JsonObject content)
    {
        RestartRequested = (bool?)content["restart"] ?? false;
        stopping.Cancel();
        return new JsonObject { ["status"] = "ok", ["restart"] = RestartRequested };
    }
}
