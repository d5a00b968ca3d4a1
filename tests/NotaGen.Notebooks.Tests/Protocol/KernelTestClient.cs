using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using NotaGen.Notebooks.Kernel;
using NotaGen.Notebooks.Protocol;
using NotaGen.Notebooks.Scripting;

namespace NotaGen.Notebooks.Tests.Protocol;

/// <summary>A message as the test client read it off the wire, with whether the kernel's signature checked out.</summary>
internal sealed record WireMessage(JsonObject Header, JsonObject ParentHeader, JsonObject Content, bool SignatureValid)
{
    public string Type => (string)Header["msg_type"]!;
    public string? ParentId => (string?)ParentHeader["msg_id"];
}

/// <summary>
/// A Jupyter client written for the tests, independent of the kernel's own wire code (its own framing and HMAC):
/// DEALER sockets for shell, control and stdin, SUB for iopub, REQ for heartbeat, over real TCP on 127.0.0.1.
/// It starts a kernel in this process on free ports.
/// </summary>
internal sealed class KernelTestClient : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly byte[] key = Encoding.ASCII.GetBytes(Guid.NewGuid().ToString());
    private readonly string session = Guid.NewGuid().ToString();
    private readonly KernelServer server;

    public KernelTestClient(string notebookDirectory, ParentWatch? parent = null)
    {
        // Port 0: the kernel takes free ports itself, so parallel tests never race for one.
        var requested = new ConnectionInfo { Ip = "127.0.0.1", Key = Encoding.ASCII.GetString(key) };
        server = new KernelServer(requested, new ScriptSession(notebookDirectory), parent);
        var bound = server.Connection;
        int[] ports = [bound.ShellPort, bound.IopubPort, bound.StdinPort, bound.ControlPort, bound.HeartbeatPort];
        ServerRun = Task.Factory.StartNew(() => server.Run(), TaskCreationOptions.LongRunning);

        var identity = Encoding.ASCII.GetBytes(session);
        Shell = new DealerSocket();
        Shell.Options.Identity = identity;
        Control = new DealerSocket();
        Control.Options.Identity = identity;
        Stdin = new DealerSocket();
        Stdin.Options.Identity = identity;
        Iopub = new SubscriberSocket();
        Heartbeat = new RequestSocket();
        Shell.Connect($"tcp://127.0.0.1:{ports[0]}");
        Iopub.Connect($"tcp://127.0.0.1:{ports[1]}");
        Iopub.SubscribeToAnyTopic();
        Stdin.Connect($"tcp://127.0.0.1:{ports[2]}");
        Control.Connect($"tcp://127.0.0.1:{ports[3]}");
        Heartbeat.Connect($"tcp://127.0.0.1:{ports[4]}");
        WaitUntilIopubConnected();
    }

    public Task<bool> ServerRun { get; }
    public DealerSocket Shell { get; }
    public DealerSocket Control { get; }
    public DealerSocket Stdin { get; }
    public SubscriberSocket Iopub { get; }
    public RequestSocket Heartbeat { get; }

    /// <summary>Sends a request; returns its msg_id. <paramref name="corruptSignature"/> flips the signature.</summary>
    public string Send(NetMQSocket socket, string type, JsonObject content, bool corruptSignature = false)
    {
        var id = Guid.NewGuid().ToString();
        var header = new JsonObject
        {
            ["msg_id"] = id,
            ["session"] = session,
            ["username"] = "test",
            ["msg_type"] = type,
            ["version"] = "5.3",
            ["date"] = DateTimeOffset.UtcNow.ToString("O"),
        };
        byte[][] parts = [Bytes(header), Bytes([]), Bytes([]), Bytes(content)];
        var signature = Sign(parts);
        if (corruptSignature)
            signature = new string(signature.Reverse().ToArray());
        var frames = new NetMQMessage();
        frames.Append("<IDS|MSG>");
        frames.Append(signature);
        foreach (var part in parts)
            frames.Append(part);
        socket.SendMultipartMessage(frames);
        return id;
    }

    public WireMessage Receive(NetMQSocket socket)
    {
        NetMQMessage? frames = null;
        if (!socket.TryReceiveMultipartMessage(Wait, ref frames) || frames is null)
            throw new TimeoutException("no message from the kernel within " + Wait);
        var all = frames.Select(f => f.ToByteArray()).ToList();
        var at = all.FindIndex(f => Encoding.ASCII.GetString(f) == "<IDS|MSG>");
        var parts = all.GetRange(at + 2, 4).ToArray();
        var valid = Encoding.ASCII.GetString(all[at + 1]) == Sign(parts);
        JsonObject Parse(byte[] b) => (JsonObject)JsonNode.Parse(b)!;
        return new WireMessage(Parse(parts[0]), Parse(parts[1]), Parse(parts[3]), valid);
    }

    /// <summary>iopub messages caused by request <paramref name="parentId"/>, up to and including its idle status.</summary>
    public List<WireMessage> IopubUntilIdle(string parentId)
    {
        var messages = new List<WireMessage>();
        while (true)
        {
            var message = Receive(Iopub);
            if (message.ParentId != parentId)
                continue;
            messages.Add(message);
            if (message.Type == "status" && (string?)message.Content["execution_state"] == "idle")
                return messages;
        }
    }

    public WireMessage NextIopub(string parentId, string type)
    {
        while (true)
        {
            var message = Receive(Iopub);
            if (message.ParentId == parentId && message.Type == type)
                return message;
        }
    }

    public (WireMessage Reply, List<WireMessage> Iopub) Execute(string code)
    {
        var id = Send(Shell, "execute_request", new JsonObject { ["code"] = code, ["silent"] = false, ["store_history"] = true, ["allow_stdin"] = false });
        var reply = Receive(Shell);
        return (reply, IopubUntilIdle(id));
    }

    /// <summary>PUB drops what it sends before a subscriber is connected: ask for kernel info until iopub hears.</summary>
    private void WaitUntilIopubConnected()
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            Send(Shell, "kernel_info_request", []);
            Receive(Shell);
            NetMQMessage? frames = null;
            var heard = false;
            while (Iopub.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(200), ref frames))
                heard = true;
            if (heard)
                return;
        }
        throw new TimeoutException("iopub never delivered a message");
    }

    private string Sign(byte[][] parts)
    {
        using var hmac = new HMACSHA256(key);
        return Convert.ToHexStringLower(hmac.ComputeHash(parts.SelectMany(p => p).ToArray()));
    }

    private static byte[] Bytes(JsonObject o) => Encoding.UTF8.GetBytes(o.ToJsonString());

    public void Dispose()
    {
        if (!ServerRun.IsCompleted)
        {
            Send(Control, "shutdown_request", new JsonObject { ["restart"] = false });
            ServerRun.Wait(Wait);
        }
        foreach (var socket in new NetMQSocket[] { Shell, Control, Stdin, Iopub, Heartbeat })
            socket.Dispose();
        server.Dispose();
    }
}
