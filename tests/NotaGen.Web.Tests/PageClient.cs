using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace NotaGen.Web.Tests;

/// <summary>What the page's script does, as C#: submit the form, follow the events, fetch the piece.</summary>
public sealed class PageClient(HttpClient client)
{
    public static Dictionary<string, string> SchubertSong(int bars, ulong seed = 0) => new()
    {
        ["period"] = "Romantic",
        ["composer"] = "Schubert, Franz",
        ["instrumentation"] = "Art Song",
        ["bars"] = bars.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public HttpClient Http => client;

    public async Task<HttpResponseMessage> SubmitAsync(Dictionary<string, string> fields, (string Name, byte[] Content)? upload = null)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
            form.Add(new StringContent(value), name);
        if (upload is { } file)
            form.Add(new ByteArrayContent(file.Content), "score", file.Name);
        return await client.PostAsync("/api/jobs", form);
    }

    /// <summary>Submits, expects acceptance, and returns the job's id.</summary>
    public async Task<string> StartAsync(Dictionary<string, string> fields, (string Name, byte[] Content)? upload = null)
    {
        using var response = await SubmitAsync(fields, upload);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    public Task<List<ServerSentEvent>> EventsAsync(string job, Action<ServerSentEvent>? onEvent = null) =>
        ServerSentEvents.ReadToEndAsync(client, $"/api/jobs/{job}/events", onEvent);

    /// <summary>Generates a piece to the end and returns its events and the piece as the page receives it.</summary>
    public async Task<(List<ServerSentEvent> Events, JsonElement Piece)> GenerateAsync(Dictionary<string, string> fields, (string Name, byte[] Content)? upload = null)
    {
        var events = await EventsAsync(await StartAsync(fields, upload));
        Assert.True(events[^1].Type == "done", $"the job ended with {events[^1].Type}: {events[^1].Data}");
        var piece = await client.GetFromJsonAsync<JsonElement>($"/api/pieces/{events[^1].Data.GetProperty("piece").GetString()}");
        return (events, piece);
    }

    public async Task<byte[]> DownloadAsync(JsonElement piece, string format)
    {
        using var response = await client.GetAsync($"/api/pieces/{piece.GetProperty("id").GetString()}/download/{format}");
        Assert.True(response.IsSuccessStatusCode, $"download {format}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }
}
