namespace NotaGen.Notebooks.Scripting;

/// <summary>
/// What a cell sees by default: the .NET libraries a notebook commonly needs and the workbench's own layers.
/// A new layer (tokenization, model, generation, evaluation) adds one line here and a ProjectReference to
/// NotaGen.Notebooks.csproj; nothing else changes.
/// </summary>
public static class WorkbenchLibraries
{
    public static IReadOnlyList<ScriptLibrary> Framework { get; } =
    [
        new("System.Private.CoreLib", "System", "System.IO", "System.Collections.Generic", "System.Text", "System.Threading", "System.Threading.Tasks"),
        new("System.Runtime"),
        new("netstandard"),
        new("System.Console"),
        new("System.Linq", "System.Linq"),
        new("System.Linq.Expressions"),
        new("System.Collections"),
        new("System.Collections.Concurrent"),
        new("System.Text.RegularExpressions"),
        new("System.Text.Json"),
        new("System.Runtime.Numerics"),
        new("System.Diagnostics.Process"),
        new("System.IO.Compression"),
        new("System.Net.Http"),
        new("System.Memory"),
        new("System.ComponentModel.Primitives"),
        new("System.Private.Xml"),
        new("System.Private.Xml.Linq"),
        new("System.Xml.ReaderWriter"),
        new("System.Xml.XDocument"),
        new("Microsoft.CSharp"),
    ];

    public static IReadOnlyList<ScriptLibrary> Workbench { get; } =
    [
        new("NotaGen.Music", "NotaGen.Music", "NotaGen.Music.Time", "NotaGen.Music.Events", "NotaGen.Music.Abc.Parsing",
            "NotaGen.Music.Abc.Syntax", "NotaGen.Music.Abc.Semantics", "NotaGen.Music.Abc.Writing", "NotaGen.Music.NotaGenFormat", "NotaGen.Music.Transposition",
            "NotaGen.Music.Midi", "NotaGen.Music.MusicXml", "NotaGen.Music.Scores"),
        new("NotaGen.Audio", "NotaGen.Audio.Rendering"),
        new("NotaGen.Notebooks", "NotaGen.Notebooks.Display"),
        new("Microsoft.DotNet.Interactive.Formatting", "Microsoft.DotNet.Interactive.Formatting"),
        new("NotaGen.Visualization", "NotaGen.Visualization.Tables", "NotaGen.Visualization.Charts", "NotaGen.Visualization.Curves",
            "NotaGen.Visualization.Attention", "NotaGen.Visualization.StyleSpace", "NotaGen.Visualization.Scores", "NotaGen.Visualization.Tokens"),
        new("NotaGen.Tokenization", "NotaGen.Tokenization"),
        new("NotaGen.Corpus", "NotaGen.Corpus.Building", "NotaGen.Corpus.Output", "NotaGen.Corpus.Statistics", "NotaGen.Corpus.Labels"),
        new("NotaGen.Modeling", "NotaGen.Modeling", "NotaGen.Modeling.Configuration", "NotaGen.Modeling.Conditioning", "NotaGen.Modeling.Style", "NotaGen.Modeling.Weights",
            "NotaGen.Modeling.Runtime", "NotaGen.Modeling.Attention"),
        new("NotaGen.Generation", "NotaGen.Generation", "NotaGen.Generation.Sampling", "NotaGen.Generation.Outputs"),
        new("NotaGen.Training", "NotaGen.Training", "NotaGen.Training.Configuration", "NotaGen.Training.Logging"),
        new("NotaGen.Visualization.Modeling", "NotaGen.Visualization.Modeling"),
        // Referenced, not imported: the throughput measurements (bench/), for notebook 08.
        new("NotaGen.Bench"),
        new("NotaGen.Evaluation", "NotaGen.Evaluation.Runner", "NotaGen.Evaluation.Pieces", "NotaGen.Evaluation.Novelty"),
        // Referenced, not imported: torch's names are best asked for with `using static TorchSharp.torch;`.
        new("TorchSharp"),
        new("MathNet.Numerics"),
        // Referenced, not imported: their names (Chart, DataFrame) are better asked for with a using.
        new("Microsoft.Data.Analysis"),
        new("Microsoft.ML.DataView"),
        new("Apache.Arrow"),
        new("Plotly.NET"),
        new("Plotly.NET.CSharp"),
        new("FSharp.Core"),
        new("Giraffe.ViewEngine"),
    ];

    public static IReadOnlyList<ScriptLibrary> All { get; } = [.. Framework, .. Workbench];
}
