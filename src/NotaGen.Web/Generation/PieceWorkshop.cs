using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NotaGen.Audio.Rendering;
using NotaGen.Generation;
using NotaGen.Generation.Continuation;
using NotaGen.Generation.Outputs;
using NotaGen.Modeling;
using NotaGen.Modeling.Conditioning;
using NotaGen.Modeling.Runtime;
using NotaGen.Modeling.Weights;
using NotaGen.Visualization.Scores;
using NotaGen.Web.Jobs;
using NotaGen.Web.Pieces;
using NotaGen.Web.Requests;
using NotaGen.Web.Settings;

namespace NotaGen.Web.Generation;

/// <summary>
/// Where pieces are made, on the queue's one thread: the model (loaded once), the generator, and the same export as
/// <c>notagen generate</c> (raw text, restored ABC, MusicXML, MIDI, WAV through <see cref="PieceExporter"/>), plus
/// the score engraved by abcm2ps as the notebooks engrave it. Finished pieces go to the <see cref="PieceStore"/>.
/// </summary>
public sealed class PieceWorkshop(ServerSettings settings, PieceStore store, ILogger<PieceWorkshop> logger) : IJobWorker, IDisposable
{
    private readonly object _gate = new();
    private NotaGenModel? _model;
    private PieceGenerator? _generator;
    private ModelConditioning? _conditioning;

    /// <summary>The model directory in use.</summary>
    public string ModelDirectory { get; } = settings.Model ?? BundledModel.Directory();

    /// <summary>
    /// How the model reads a style, with the triples it knows (its <c>prompts.tsv</c>; no catalog when the directory has
    /// none): the one check of a submitted prompt and the one maker of its request. Loads the model first.
    /// </summary>
    public ModelConditioning Conditioning
    {
        get
        {
            Load();
            lock (_gate)
                return _conditioning!;
        }
    }

    /// <summary>Loads the model now, so that a bad model directory stops the server at start, not at the first request.</summary>
    public void Load()
    {
        lock (_gate)
        {
            if (_model is not null)
                return;
            TorchRuntime.Initialize(settings.Threads);
            _model = Modeling.Weights.ModelDirectory.Load(ModelDirectory);
            _model.eval();
            _generator = new PieceGenerator(_model);
            _conditioning = ModelConditioning.Load(ModelDirectory, _model.Config);
            logger.LogInformation("model {Directory} ({Preset}) loaded", ModelDirectory, _model.Config.Preset);
        }
    }

    /// <summary>Generates the job's piece, streaming its text into the job's events; never throws.</summary>
    public void Run(GenerationJob job)
    {
        try
        {
            Load();
            var request = job.Request;
            var stream = new BarStream(job);
            var options = new GenerationOptions
            {
                Sampling = request.Sampling,
                Seed = request.Seed,
                Constraint = request.Constraint,
                MaxDuration = TimeSpan.FromSeconds(settings.MaxSeconds),
                OnPatch = stream.OnPatch,
            };
            var piece = _generator!.Generate(ToPieceRequest(request), options, job.Cancellation);
            stream.Flush();
            if (piece.Stop == StopReason.Cancelled)
            {
                job.Cancelled("stopped by the user");
                return;
            }
            var made = Finish(request, piece);
            store.Add(made);
            job.Complete(made.Id, (JsonObject)made.Summary.DeepClone());
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or IOException or Music.MusicFormatException
            or WeightFileException or UnauthorizedAccessException)
        {
            logger.LogWarning("job {Job} failed: {Message}", job.Id, error.Message);
            job.Fail(error.Message);
        }
    }

    private PieceRequest ToPieceRequest(WebPieceRequest request)
    {
        var continuation = request.Continuation;
        var pieceRequest = PieceRequest.For(Conditioning, request.Prompt) with
        {
            Bars = continuation is null ? request.Bars : null,
            Key = request.Key,
            Meter = request.Meter,
            Continue = continuation?.Prompt.Text,
            MoreBars = request.Bars ?? WebPieceRequest.DefaultMoreBars,
        };
        pieceRequest.Validate();
        return pieceRequest;
    }

    private WebPiece Finish(WebPieceRequest request, GeneratedPiece piece)
    {
        var name = $"{Slug(request.Prompt.Composer ?? "")}-{Slug(request.Prompt.Instrumentation ?? "")}-seed{request.Seed}";
        var folder = Directory.CreateTempSubdirectory("notagen-web-");
        try
        {
            var synth = settings.Synth switch { "builtin" => Synthesizer.BuiltIn, "fluidsynth" => Synthesizer.FluidSynth, _ => Synthesizer.Auto };
            var files = new PieceExporter(synth).Write(piece.RawText, folder.FullName, name);
            var restored = piece.Restore();
            // A continuation's figures are about the bars the model wrote, as in `notagen generate --continue`.
            var validity = request.Continuation is { } continued
                ? NewBars.Validity(piece.RawText, continued.Prompt.Bars, name + ".abc")
                : PieceValidity.Of(restored, name + ".abc");
            var problems = files.Problems.ToList();
            var pages = new List<string>();
            if (restored.Abc is not null)
            {
                var engraving = ScoreEngraver.Engrave(restored.Abc);
                pages.AddRange(engraving.SvgPages);
                if (engraving.Problem is not null)
                    problems.Add(engraving.Problem);
            }
            var summary = new JsonObject
            {
                ["name"] = name,
                ["prompt"] = request.Prompt.ToString(),
                ["seed"] = request.Seed,
                ["constraint"] = request.Constraint.ToString().ToLowerInvariant(),
                // Mean share of the model's probability the constraint's mask took away per sampled character (0 with none).
                ["mask_removed_mass"] = Math.Round(piece.Statistics.MeanRemovedMass, 4),
                ["continued"] = request.Continuation?.Name,
                ["prompt_bars"] = request.Continuation?.Prompt.Bars,
                ["prompt_changes"] = request.Continuation is { } c ? string.Join("; ", c.Prompt.Changes) : null,
                ["stop"] = piece.Stop.ToString(),
                ["finished"] = piece.Finished,
                ["seconds"] = Math.Round(piece.Elapsed.TotalSeconds, 3),
                ["patches"] = piece.Patches,
                ["parses"] = validity.Parses,
                ["bars"] = validity.Bars,
                ["bar_alignment_error"] = validity.Parses ? Math.Round(validity.BarAlignmentError, 4) : null,
                ["problem"] = validity.Problem,
            };
            return new WebPiece(Guid.NewGuid().ToString("N"), name, summary, piece.RawText, restored.Abc,
                ReadIfMade(files.MusicXml), ReadIfMade(files.Midi), ReadIfMade(files.Wav), pages, problems);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static byte[]? ReadIfMade(string? path) => path is null ? null : File.ReadAllBytes(path);

    private static string Slug(string text)
    {
        var slug = new string(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        var parts = slug.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('-', parts);
    }

    public void Dispose() => _model?.Dispose();
}
