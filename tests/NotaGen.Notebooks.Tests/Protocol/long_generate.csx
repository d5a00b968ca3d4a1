// Setup: the bundled model (run from the repository root's data/models/default, found from the notebook folder upward).
var root = new DirectoryInfo(Environment.CurrentDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "NotaGen.Research.sln")))
    root = root.Parent;
var net = ModelDirectory.Load(Path.Combine(root!.FullName, "data", "models", "default"));
var generator = new PieceGenerator(net);
var request = new PieceRequest { PromptLines = ["Romantic", "Schubert, Franz", "Art Song"], Bars = 10_000 };
var clock = System.Diagnostics.Stopwatch.StartNew();
// ---- long cell ----
// About 60 s of generation, piece after piece. CANCELLATION is replaced by the test: the cell's Cancellation (passed
// on to Generate and checked between pieces), or CancellationToken.None (a cell that ignores interrupts).
clock.Restart();
var made = 0;
for (ulong seed = 0; clock.Elapsed < TimeSpan.FromSeconds(60) && !CANCELLATION.IsCancellationRequested; seed++)
{
    generator.Generate(request, new GenerationOptions { Seed = seed, MaxDuration = TimeSpan.FromSeconds(60) }, CANCELLATION);
    made++;
}
made
