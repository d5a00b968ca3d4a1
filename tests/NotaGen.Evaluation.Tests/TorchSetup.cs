using System.Runtime.CompilerServices;
using NotaGen.Modeling.Runtime;

namespace NotaGen.Evaluation.Tests;

/// <summary>
/// Before any test loads torch: OpenMP's passive wait policy (TorchRuntime), without which torch's threads spin and
/// the model tests crawl on a busy machine. The thread count stays torch's default.
/// </summary>
internal static class TorchSetup
{
    [ModuleInitializer]
    internal static void Initialize() => TorchRuntime.Initialize();
}
