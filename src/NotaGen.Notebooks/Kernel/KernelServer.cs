using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using NetMQ;
using NotaGen.Notebooks.Protocol;
using NotaGen.Notebooks.Scripting;

namespace NotaGen.Notebooks.Kernel;

/// <summary>
/// A Jupyter kernel (messaging protocol 5.3) for C# cells. Design notes: see README.md in this project.
/// Threads: the caller's thread serves shell (requests run one at a time, cells included), one thread serves
/// control (interrupt and shutdown must get through while a cell runs), one echoes heartbeats.
/// </summary>
public sealed class KernelServer : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ParentPoll = TimeSpan.FromSeconds(1);
    private readonly KernelSockets sockets;
    private readonly KernelRequests requests;
    private readonly CancellationTokenSource stopping = new();

    private readonly ParentWatch parent;

    /// <summary><paramref name="parent"/>: whose death stops the kernel (default: JPY_PARENT_PID and the process's parent).</summary>
    internal KernelServer(ConnectionInfo connection, ScriptSession session, ParentWatch? parent)
        : this(connection, session) => this.parent = parent ?? ParentWatch.FromEnvironment();

    public KernelServer(ConnectionInfo connection, ScriptSession session)
    {
        parent = ParentWatch.FromEnvironment();
        sockets = new KernelSockets(connection);
        requests = new KernelRequests(sockets, session, stopping);
    }

    /// <summary>Where the kernel listens (the connection file's ports, or the free ones it took for port 0).</summary>
    public ConnectionInfo Connection => sockets.Bound;

    /// <summary>Serves until a shutdown request (or <paramref name="stop"/>). Returns whether a restart was asked.</summary>
    public bool Run(CancellationToken stop = default)
    {
        using var linked = stop.Register(stopping.Cancel);
        // Clients that interrupt with SIGINT (kernelspecs without interrupt_mode "message") must not kill the kernel.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            requests.Interrupt();
        });
        var heartbeat = new Thread(ServeHeartbeat) { IsBackground = true, Name = "jupyter heartbeat" };
        var control = new Thread(() => Serve(sockets.Control)) { IsBackground = true, Name = "jupyter control" };
        var watch = new Thread(WatchParent) { IsBackground = true, Name = "jupyter parent watch" };
        heartbeat.Start();
        control.Start();
        watch.Start();
        sockets.Publish(null, "status", new JsonObject { ["execution_state"] = "starting" });
        Serve(sockets.Shell);
        control.Join();
        heartbeat.Join();
        watch.Join();
        return requests.RestartRequested;
    }

    private void Serve(NetMQSocket socket)
    {
        while (!stopping.IsCancellationRequested)
        {
            var message = sockets.Receive(socket, PollInterval);
            if (message is null)
                continue;
            try
            {
                requests.Handle(socket, message);
            }
            catch (Exception e)
            {
                KernelLog.Write($"failed to handle {message.Type}: {e}");
            }
        }
    }

    /// <summary>Stops the kernel when its client's process is gone: nobody could send it a shutdown any more.</summary>
    private void WatchParent()
    {
        while (!stopping.Token.WaitHandle.WaitOne(ParentPoll))
        {
            if (parent.ParentGone() is { } why)
            {
                KernelLog.Write($"shutting down: {why}");
                stopping.Cancel();
                return;
            }
        }
    }

    private void ServeHeartbeat()
    {
        while (!stopping.IsCancellationRequested)
        {
            NetMQMessage? ping = null;
            if (sockets.Heartbeat.TryReceiveMultipartMessage(PollInterval, ref ping) && ping is not null)
                sockets.Heartbeat.SendMultipartMessage(ping);
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        sockets.Dispose();
        stopping.Dispose();
    }
}
