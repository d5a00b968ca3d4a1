using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace NotaGen.Web.Tests;

/// <summary>A server whose queue holds nothing beyond the running request refuses the next one, saying why.</summary>
public sealed class QueueLimitTests
{
    [Fact]
    public async Task A_full_queue_refuses_with_a_reason_and_the_running_piece_still_finishes()
    {
        using var factory = new WebFactory(new() { ["MaxQueue"] = "0" });
        var page = new PageClient(factory.CreateClient());
        var first = await page.StartAsync(PageClient.SchubertSong(bars: 2));
        using var refused = await page.SubmitAsync(PageClient.SchubertSong(bars: 1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("queue is full", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("done", (await page.EventsAsync(first))[^1].Type);
        Assert.Equal(1, factory.Services.GetRequiredService<Jobs.GenerationQueue>().Rejected);
    }
}
