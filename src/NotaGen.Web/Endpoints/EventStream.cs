using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using NotaGen.Web.Jobs;

namespace NotaGen.Web.Endpoints;

/// <summary>
/// A job's events as server-sent events (<c>text/event-stream</c>): everything from the start, then live, until the
/// job's last event. A listener that goes away does not stop the job; the stop button does.
/// </summary>
internal static class EventStream
{
    public static async Task Write(string id, HttpContext context, GenerationQueue queue)
    {
        if (queue.Find(id) is not { } job)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { error = "no job with this id" });
            return;
        }
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var cursor = 0;
        try
        {
            while (true)
            {
                var events = await job.Events.ReadAsync(cursor, context.RequestAborted);
                foreach (var item in events)
                    await context.Response.WriteAsync($"event: {item.Type}\ndata: {item.Data.ToJsonString()}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                cursor += events.Count;
                if (events[^1].IsFinal)
                    return;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The page closed the stream.
        }
    }
}
