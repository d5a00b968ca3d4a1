using System.CommandLine;
using Microsoft.Extensions.Hosting;
using NotaGen.Modeling.Weights;
using NotaGen.Web;
using NotaGen.Web.Settings;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen serve [--model DIR] [--port 7861] [--host 127.0.0.1]</c>: the web page (NotaGen.Web) with the bundled or a
/// given model, on loopback unless told otherwise. Stops on Ctrl+C.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var defaults = new ServerSettings();
        var model = new Option<string?>("--model") { Description = "Model directory (default: the bundled data/models/default)." };
        var port = new Option<int>("--port") { Description = "TCP port (0: any free one).", DefaultValueFactory = _ => defaults.Port };
        var host = new Option<string>("--host") { Description = "Address to listen on; 0.0.0.0 opens the page to the network.", DefaultValueFactory = _ => defaults.Host };
        var threads = new Option<int>("--threads") { Description = "Torch intra-op threads for generation.", DefaultValueFactory = _ => defaults.Threads };
        var maxQueue = new Option<int>("--max-queue") { Description = "Requests that may wait behind the running one.", DefaultValueFactory = _ => defaults.MaxQueue };
        var maxBars = new Option<int>("--max-bars") { Description = "Most bars one request may ask for.", DefaultValueFactory = _ => defaults.MaxBars };
        var maxSeconds = new Option<double>("--max-seconds") { Description = "Wall time one generation may take.", DefaultValueFactory = _ => defaults.MaxSeconds };
        var synth = new Option<string>("--synth") { Description = "auto (FluidSynth when installed), builtin or fluidsynth.", DefaultValueFactory = _ => defaults.Synth };
        synth.AcceptOnlyFromAmong("auto", "builtin", "fluidsynth");

        var command = new Command("serve", "The web page: generate, listen, download, in a browser.")
        {
            model, port, host, threads, maxQueue, maxBars, maxSeconds, synth,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            try
            {
                var settings = defaults with
                {
                    Model = Path.GetFullPath(parse.GetValue(model) ?? DefaultModel.Directory()),
                    Port = parse.GetValue(port),
                    Host = parse.GetValue(host)!,
                    Threads = parse.GetValue(threads),
                    MaxQueue = parse.GetValue(maxQueue),
                    MaxBars = parse.GetValue(maxBars),
                    MaxSeconds = parse.GetValue(maxSeconds),
                    Synth = parse.GetValue(synth)!,
                };
                await using var app = NotaGenWebApp.Create(settings);
                await app.StartAsync(cancellation);
                foreach (var url in app.Urls)
                    Console.WriteLine($"notagen serve: the page is at {url}/ (Ctrl+C stops)");
                await app.WaitForShutdownAsync(cancellation);
                return 0;
            }
            catch (Exception error) when (error is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException
                or WeightFileException)
            {
                Console.Error.WriteLine($"notagen serve: {error.Message}");
                return error is ArgumentException ? 2 : 1;
            }
        });
        return command;
    }
}
