using System.Text.Json;

namespace NotaGen.Web.Tests;

/// <summary>One server-sent event as a client reads it off the wire.</summary>
public sealed record ServerSentEvent(string Type, JsonElement Data);

/// <summary>A small reader of <c>text/event-stream</c> (event/data lines, blank line ends an event), as a browser parses it.</summary>
public static class ServerSentEvents
{
    /// <summary>Reads a job's events until its final one (done, failed, cancelled); <paramref name="onEvent"/> sees each as it comes.</summary>
    public static async Task<List<ServerSentEvent>> ReadToEndAsync(HttpClient client, string url, Action<ServerSentEvent>? onEvent = null,
        CancellationToken cancellation = default)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellation);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            throw new InvalidOperationException($"{url} answered {response.Content.Headers.ContentType}, not text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellation));
        var events = new List<ServerSentEvent>();
        string? type = null;
        var data = "";
        while (await reader.ReadLineAsync(cancellation) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                type = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data += line["data: ".Length..];
            else if (line.Length == 0 && type is not null)
            {
                using var json = JsonDocument.Parse(data);
                var item = new ServerSentEvent(type, json.RootElement.Clone());
                events.Add(item);
                onEvent?.Invoke(item);
                if (type is "done" or "failed" or "cancelled")
                    return events;
                (type, data) = (null, "");
            }
        }
        throw new InvalidOperationException($"{url}: the stream ended without a final event after {events.Count} events");
    }
}
