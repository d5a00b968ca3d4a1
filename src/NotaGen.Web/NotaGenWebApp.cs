using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotaGen.Web.Endpoints;
using NotaGen.Web.Generation;
using NotaGen.Web.Jobs;
using NotaGen.Web.Pieces;
using NotaGen.Web.Settings;

namespace NotaGen.Web;

/// <summary>
/// The web application behind <c>notagen serve</c>: the page, its API, the generation queue. Settings come from the
/// configuration section <c>NotaGen</c> (<see cref="ServerSettings"/>) and are read when the services are built, so a
/// test host can set them too.
/// </summary>
public static class NotaGenWebApp
{
    /// <summary>The application for <paramref name="settings"/>, listening on its host and port.</summary>
    public static WebApplication Create(ServerSettings settings, string[]? args = null)
    {
        settings.Validate();
        var builder = WebApplication.CreateBuilder(args ?? []);
        builder.Configuration.AddInMemoryCollection(settings.ToConfiguration());
        builder.WebHost.UseUrls(settings.Url);
        return Build(builder);
    }

    /// <summary>Adds the services and endpoints to a builder whose configuration holds the settings.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        // A line per request would drown the server's own messages.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(provider => ServerSettings.From(provider.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<PieceStore>();
        builder.Services.AddSingleton<PieceWorkshop>();
        builder.Services.AddSingleton<IJobWorker>(provider => provider.GetRequiredService<PieceWorkshop>());
        builder.Services.AddSingleton<GenerationQueue>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<GenerationQueue>());
        builder.Services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "text/css", "text/javascript", "application/json", "image/svg+xml", "text/plain",
                "application/vnd.recordare.musicxml+xml"];
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = ServerSettings.From(context.Configuration).MaxRequestBytes);
        builder.Services.Configure<FormOptions>(_ => { }); // limits set per request from the settings (ApiEndpoints)

        var app = builder.Build();
        app.UseResponseCompression();
        app.Use(async (context, next) =>
        {
            // Everything the page needs comes from this server; nothing runs that the server did not send.
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            await next();
        });
        PageEndpoints.Map(app);
        ApiEndpoints.Map(app);
        return app;
    }
}
