namespace NotaGen.Training.Data;

/// <summary>
/// Groups pieces into batches whose padded size (pieces × longest piece, in patches) stays within a budget, so a batch
/// of short pieces holds many and a long piece trains alone. Pieces are taken in the given (shuffled) order; within
/// windows of <see cref="SortWindow"/> pieces they are sorted by length first, which cuts padding while keeping the
/// epoch's order random at the scale of the window.
/// </summary>
public sealed record TokenBudgetBatcher(int BudgetPatches, int MaxPieces = int.MaxValue, int SortWindow = 1)
{
    /// <summary>Batches as lists of indices into <paramref name="lengths"/>, in training order.</summary>
    public List<int[]> Batch(IReadOnlyList<int> order, IReadOnlyList<int> lengths, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BudgetPatches, 1);
        var batches = new List<int[]>();
        var window = Math.Max(1, SortWindow);
        for (var start = 0; start < order.Count; start += window)
        {
            var chunk = order.Skip(start).Take(window).ToList();
            if (window > 1)
                chunk = [.. chunk.OrderByDescending(i => lengths[i])]; // stable: ties keep the shuffled order
            var current = new List<int>();
            var longest = 0;
            foreach (var piece in chunk)
            {
                var longer = Math.Max(longest, lengths[piece]);
                if (current.Count > 0 && ((current.Count + 1) * longer > BudgetPatches || current.Count >= MaxPieces))
                {
                    batches.Add([.. current]);
                    current.Clear();
                    longer = lengths[piece];
                }
                current.Add(piece);
                longest = longer;
            }
            if (current.Count > 0) batches.Add([.. current]);
        }
        // Sorting made neighbouring batches alike in length; shuffling the batches undoes that bias.
        if (window > 1) random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batches));
        return batches;
    }
}
