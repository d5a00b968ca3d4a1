using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using NotaGen.Web.Generation;
using NotaGen.Web.Jobs;
using NotaGen.Web.Pieces;
using NotaGen.Web.Requests;
using NotaGen.Web.Settings;

namespace NotaGen.Web.Endpoints;

/// <summary>
/// The page's API. Jobs and pieces are named only by the ids the server made (32 hexadecimal digits, checked by the
/// route); nothing in a request is ever used as a file path.
/// </summary>
internal static class ApiEndpoints
{
    private const string Id = "{id:regex(^[0-9a-f]{{32}}$)}";

    private static readonly Dictionary<string, (string ContentType, string Extension)> Downloads = new()
    {
        ["abc"] = ("text/vnd.abc; charset=utf-8", ".abc"),
        ["musicxml"] = ("application/vnd.recordare.musicxml+xml", ".musicxml"),
        ["mid"] = ("audio/midi", ".mid"),
        ["wav"] = ("audio/wav", ".wav"),
        ["raw"] = ("text/plain; charset=utf-8", ".raw.txt"),
    };

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/options", Options);
        app.MapPost("/api/jobs", Submit);
        app.MapGet($"/api/jobs/{Id}", Job);
        app.MapGet($"/api/jobs/{Id}/events", EventStream.Write);
        app.MapPost($"/api/jobs/{Id}/cancel", (string id, GenerationQueue queue) =>
            queue.Cancel(id) ? Results.Accepted() : Problem(404, "no running or waiting job with this id"));
        app.MapGet($"/api/pieces/{Id}", Piece);
        app.MapGet($"/api/pieces/{Id}/score/{{page:int}}", Score);
        app.MapGet($"/api/pieces/{Id}/download/{{format}}", Download);
    }

    private static IResult Options(PieceWorkshop workshop, ServerSettings settings)
    {
        var prompts = new JsonArray((workshop.Conditioning.Catalog?.Entries ?? []).Select(e => (JsonNode)new JsonObject
        {
            ["period"] = e.Prompt.Period,
            ["composer"] = e.Prompt.Composer,
            ["instrumentation"] = e.Prompt.Instrumentation,
            ["pieces"] = e.Pieces,
        }).ToArray());
        var controls = new JsonArray(PageControl.For(settings).Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["label"] = c.Label,
            ["kind"] = c.Kind,
            ["default"] = c.Default,
            ["min"] = c.Min,
            ["max"] = c.Max,
            ["step"] = c.Step,
            ["pattern"] = c.Pattern,
            ["help"] = c.Help,
            ["choices"] = c.Choices is null ? null : new JsonArray(c.Choices.Select(x => (JsonNode)x).ToArray()),
        }).ToArray());
        return Results.Json(new JsonObject
        {
            ["model"] = Path.GetFileName(Path.TrimEndingDirectorySeparator(workshop.ModelDirectory)),
            ["prompts"] = prompts,
            ["controls"] = controls,
            ["limits"] = new JsonObject
            {
                ["max_bars"] = settings.MaxBars,
                ["max_seconds"] = settings.MaxSeconds,
                ["max_queue"] = settings.MaxQueue,
                ["max_request_bytes"] = settings.MaxRequestBytes,
            },
            ["upload_types"] = ".abc,.musicxml,.xml,.mxl,.mid,.midi",
        });
    }

    private static async Task<IResult> Submit(HttpContext context, GenerationQueue queue, PieceWorkshop workshop, ServerSettings settings)
    {
        if (context.Request.ContentLength > settings.MaxRequestBytes)
            return Problem(413, $"the request is {context.Request.ContentLength} bytes, more than this server's limit of {settings.MaxRequestBytes}");
        if (!context.Request.HasFormContentType)
            return Problem(415, "send the request as a form (multipart/form-data or application/x-www-form-urlencoded)");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = settings.MaxRequestBytes;
        context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions
        {
            MultipartBodyLengthLimit = settings.MaxRequestBytes,
            ValueLengthLimit = 4096,
            ValueCountLimit = 64,
        }));

        WebPieceRequest request;
        try
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            request = WebPieceRequest.Parse(form, workshop.Conditioning, settings);
            if (form.Files.GetFile("score") is { Length: > 0 } file)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content, context.RequestAborted);
                request = request.Continuing(UploadedScore.Read(content.ToArray(), file.FileName, request));
            }
        }
        catch (BadPieceRequestException e)
        {
            return Problem(400, e.Message, e.Field);
        }
        catch (InvalidDataException e)
        {
            return Problem(413, $"the form is too large: {e.Message}");
        }
        catch (BadHttpRequestException e)
        {
            return Problem(e.StatusCode, e.Message);
        }

        if (queue.Submit(request) is not { } queued)
            return Problem(503, $"the queue is full ({settings.MaxQueue} requests waiting); try again in a minute");
        return Results.Json(new JsonObject
        {
            ["id"] = queued.Job.Id,
            ["position"] = queued.Position,
            ["events"] = $"/api/jobs/{queued.Job.Id}/events",
        }, statusCode: 202);
    }

    private static IResult Job(string id, GenerationQueue queue) =>
        queue.Find(id) is { } job
            ? Results.Json(new JsonObject
            {
                ["id"] = job.Id,
                ["state"] = job.State.ToString().ToLowerInvariant(),
                ["position"] = job.Position,
                ["piece"] = job.PieceId,
            })
            : Problem(404, "no job with this id (finished jobs are forgotten after a while)");

    private static IResult Piece(string id, PieceStore store)
    {
        if (store.Find(id) is not { } piece)
            return Problem(404, "no piece with this id (the server keeps only its most recent pieces)");
        var json = (JsonObject)piece.Summary.DeepClone();
        json["id"] = piece.Id;
        json["raw"] = piece.RawText;
        json["abc"] = piece.Abc;
        json["pages"] = piece.ScorePages.Count;
        json["formats"] = new JsonArray(piece.Formats.Select(f => (JsonNode)f).ToArray());
        json["problems"] = new JsonArray(piece.Problems.Select(p => (JsonNode)p).ToArray());
        return Results.Json(json);
    }

    private static IResult Score(string id, int page, PieceStore store) =>
        store.Find(id) is { } piece && page >= 1 && page <= piece.ScorePages.Count
            ? Results.Text(piece.ScorePages[page - 1], "image/svg+xml", Encoding.UTF8)
            : Problem(404, "no such score page");

    private static IResult Download(string id, string format, PieceStore store)
    {
        if (store.Find(id) is not { } piece)
            return Problem(404, "no piece with this id (the server keeps only its most recent pieces)");
        if (!Downloads.TryGetValue(format, out var kind))
            return Problem(404, $"no download '{format}'; there are {string.Join(", ", Downloads.Keys)}");
        byte[]? bytes = format switch
        {
            "abc" => piece.Abc is null ? null : Encoding.UTF8.GetBytes(piece.Abc),
            "musicxml" => piece.MusicXml,
            "mid" => piece.Midi,
            "wav" => piece.Wav,
            _ => Encoding.UTF8.GetBytes(piece.RawText),
        };
        return bytes is null
            ? Problem(404, $"this piece has no {format}: {string.Join("; ", piece.Problems)}")
            : Results.File(bytes, kind.ContentType, piece.Name + kind.Extension, enableRangeProcessing: true);
    }

    private static IResult Problem(int status, string message, string? field = null) =>
        Results.Json(new JsonObject { ["error"] = message, ["field"] = field }, statusCode: status);
}
