using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NotaGen.Web.Jobs;
using NotaGen.Web.Pieces;
using NotaGen.Web.Settings;

namespace NotaGen.Web.Tests;

/// <summary>
/// The application as <c>notagen serve</c> runs it (Kestrel on 127.0.0.1), on a free port, for clients that need a real
/// socket: the browser and the load test.
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LiveServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public GenerationQueue Queue => _app.Services.GetRequiredService<GenerationQueue>();

    public PieceStore Pieces => _app.Services.GetRequiredService<PieceStore>();

    public static async Task<LiveServer> StartAsync(ServerSettings? settings = null)
    {
        var app = NotaGenWebApp.Create((settings ?? new ServerSettings()) with { Port = 0, Synth = "builtin", Threads = 1 });
        await app.StartAsync();
        return new LiveServer(app, new Uri(app.Urls.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
