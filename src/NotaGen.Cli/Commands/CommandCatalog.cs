using System.CommandLine;

namespace NotaGen.Cli.Commands;

/// <summary>Every top-level command of <c>notagen</c>, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return GenerateCommand.Create();
        yield return PromptsCommand.Create();
        yield return ServeCommand.Create();
        yield return AbcCommand.Create();
        yield return ModelCommand.Create();
        yield return TokenizeCommand.Create();
        yield return KernelCommand.Create();
        yield return NotebookCommand.Create();
        yield return FiguresCommand.Create();
        yield return AudioCommand.Create();
        yield return ConvertCommand.Create();
        yield return BenchCommand.Create();
        yield return TrainCommand.Create();
        yield return DpoCommand.Create();
        yield return CorpusCommand.Create();
        yield return ClassifyCommand.Create();
        yield return EvalCommand.Create();
        yield return PerplexityCommand.Create();
        yield return AblateCommand.Create();
    }
}
