using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotaGen.Web.Tests;

/// <summary>
/// Debian's headless Chromium driven over the DevTools protocol (a WebSocket, JSON messages): no browser download and
/// no driver package. One page target, attached with a flat session; events are kept for the test to inspect.
/// </summary>
public sealed class DevTools : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _browser;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly string _profile;
    private Task? _receiver;
    private int _nextId;
    private string? _session;

    private DevTools(Process browser, string profile)
    {
        _browser = browser;
        _profile = profile;
    }

    /// <summary>Every event received, in order (method, params).</summary>
    public ConcurrentQueue<(string Method, JsonElement Params)> Events { get; } = new();

    public static async Task<DevTools> LaunchAsync(string chromium, int width, int height)
    {
        var profile = Directory.CreateTempSubdirectory("notagen-chromium-").FullName;
        var info = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--remote-debugging-port=0", $"--user-data-dir={profile}", $"--window-size={width},{height}", "about:blank",
        })
            info.ArgumentList.Add(argument);
        var browser = Process.Start(info) ?? throw new InvalidOperationException($"could not start {chromium}");
        _ = browser.StandardOutput.ReadToEndAsync();
        var tools = new DevTools(browser, profile);
        var address = await tools.ListeningAddressAsync(TimeSpan.FromSeconds(60));
        await tools._socket.ConnectAsync(new Uri(address), CancellationToken.None);
        tools._receiver = Task.Run(tools.ReceiveAsync);
        var target = await tools.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, browserLevel: true);
        var attached = await tools.SendAsync("Target.attachToTarget",
            new JsonObject { ["targetId"] = target.GetProperty("targetId").GetString(), ["flatten"] = true }, browserLevel: true);
        tools._session = attached.GetProperty("sessionId").GetString();
        return tools;
    }

    /// <summary>Chromium prints "DevTools listening on ws://..." on stderr once it is ready.</summary>
    private async Task<string> ListeningAddressAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var seen = new StringBuilder();
        while (await _browser.StandardError.ReadLineAsync(cancel.Token) is { } line)
        {
            seen.AppendLine(line);
            const string marker = "DevTools listening on ";
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                _ = _browser.StandardError.ReadToEndAsync();
                return line[(at + marker.Length)..].Trim();
            }
        }
        throw new InvalidOperationException($"Chromium exited without a DevTools address: {seen}");
    }

    /// <summary>Sends a command (to the page unless <paramref name="browserLevel"/>) and returns its result.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null, bool browserLevel = false)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (!browserLevel && _session is not null)
            message["sessionId"] = _session;
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        return await reply.Task.WaitAsync(CommandTimeout);
    }

    /// <summary>Evaluates a script in the page (promises awaited) and returns its value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["awaitPromise"] = true,
            ["returnByValue"] = true,
        });
        if (result.TryGetProperty("exceptionDetails", out var exception))
            throw new InvalidOperationException($"the page threw: {exception}");
        return result.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }

    /// <summary>Waits until a script in the page returns true; fails with <paramref name="what"/> and the page's status.</summary>
    public async Task WaitForAsync(string condition, string what, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await EvaluateAsync($"!!({condition})") is { ValueKind: JsonValueKind.True })
                return;
            await Task.Delay(100);
        }
        var status = await EvaluateAsync("document.getElementById('status')?.textContent ?? '(no status)'");
        throw new TimeoutException($"{what}: not within {timeout.TotalSeconds:0} s; the page says '{status}'");
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var chunk = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (chunk.MessageType == WebSocketMessageType.Close)
                    break;
                message.Write(buffer, 0, chunk.Count);
                if (!chunk.EndOfMessage)
                    continue;
                using var json = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                var root = json.RootElement;
                if (root.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var reply))
                {
                    if (root.TryGetProperty("error", out var error))
                        reply.SetException(new InvalidOperationException($"DevTools error: {error}"));
                    else
                        reply.SetResult(root.GetProperty("result").Clone());
                }
                else if (root.TryGetProperty("method", out var method))
                {
                    Events.Enqueue((method.GetString()!, root.TryGetProperty("params", out var p) ? p.Clone() : default));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // closing
        }
        catch (WebSocketException)
        {
            // the browser went away
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await SendAsync("Browser.close", browserLevel: true).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or WebSocketException)
        {
            // killed below
        }
        _closing.Cancel();
        if (!_browser.WaitForExit(5000))
            _browser.Kill(entireProcessTree: true);
        if (_receiver is not null)
            await _receiver.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _socket.Dispose();
        _browser.Dispose();
        _closing.Dispose();
        try { Directory.Delete(_profile, recursive: true); }
        catch (IOException) { /* Chromium may still be flushing its profile; temp is cleaned by the OS */ }
    }
}
