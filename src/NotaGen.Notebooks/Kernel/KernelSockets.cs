using System.Text;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using NotaGen.Notebooks.Protocol;
using NotaGen.Notebooks.Scripting;

namespace NotaGen.Notebooks.Kernel;

/// <summary>
/// The five sockets of a Jupyter kernel, bound as the connection file says, with signed sending. Shell, control
/// and stdin are ROUTER sockets, iopub is PUB, heartbeat echoes on REP. NetMQ sockets are not thread-safe: each is
/// used by one thread at a time (iopub, written from cells' threads too, behind a lock).
/// </summary>
internal sealed class KernelSockets : IDisposable
{
    private readonly WireFormat wire;

    public KernelSockets(ConnectionInfo connection)
    {
        wire = new WireFormat(new MessageSigner(connection.Key));
        Shell = new RouterSocket();
        Control = new RouterSocket();
        Stdin = new RouterSocket();
        Iopub = new PublisherSocket();
        Heartbeat = new ResponseSocket();
        foreach (var socket in new NetMQSocket[] { Shell, Control, Stdin, Iopub, Heartbeat })
            socket.Options.Linger = TimeSpan.FromMilliseconds(200);
        Bound = connection with
        {
            ShellPort = Bind(Shell, connection, connection.ShellPort),
            ControlPort = Bind(Control, connection, connection.ControlPort),
            StdinPort = Bind(Stdin, connection, connection.StdinPort),
            IopubPort = Bind(Iopub, connection, connection.IopubPort),
            HeartbeatPort = Bind(Heartbeat, connection, connection.HeartbeatPort),
        };
    }

    /// <summary>The connection as bound: port 0 in the file means "any free port" (tests use it).</summary>
    public ConnectionInfo Bound { get; }

    private static int Bind(NetMQSocket socket, ConnectionInfo connection, int port)
    {
        if (port != 0 || connection.Transport != "tcp")
        {
            socket.Bind(connection.Address(port));
            return port;
        }
        return socket.BindRandomPort($"tcp://{connection.Ip}");
    }

    public RouterSocket Shell { get; }
    public RouterSocket Control { get; }
    public RouterSocket Stdin { get; }
    public PublisherSocket Iopub { get; }
    public ResponseSocket Heartbeat { get; }

    /// <summary>The next valid message on <paramref name="socket"/>, or null when none came within the wait.
    /// Messages with a bad signature are logged and dropped, never answered.</summary>
    public JupyterMessage? Receive(NetMQSocket socket, TimeSpan wait)
    {
        NetMQMessage? frames = null;
        if (!socket.TryReceiveMultipartMessage(wait, ref frames) || frames is null)
            return null;
        var message = wire.Decode(frames, out var problem);
        if (message is null)
            KernelLog.Write($"rejected a message: {problem}");
        return message;
    }

    public void Send(NetMQSocket socket, JupyterMessage message) => socket.SendMultipartMessage(wire.Encode(message));

    public void Publish(JupyterMessage? parent, string type, JsonObject content)
    {
        var message = JupyterMessage.Reply(parent, type, content, identities: [Encoding.UTF8.GetBytes(type)]);
        var frames = wire.Encode(message);
        lock (Iopub)
            Iopub.SendMultipartMessage(frames);
    }

    public void Dispose()
    {
        foreach (var socket in new NetMQSocket[] { Shell, Control, Stdin, Iopub, Heartbeat })
            socket.Dispose();
    }
}

/// <summary>The kernel's own diagnostics, on the process's real standard error (cells' stderr goes to the notebook).</summary>
internal static class KernelLog
{
    public static void Write(string line) => ConsoleCapture.OriginalError.WriteLine($"[notagen kernel] {line}");
}
