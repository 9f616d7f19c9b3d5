namespace Publisher.Web.Media;

/// <summary>
/// Admits picture work so that the pictures being decoded at once hold no more than a budget of pixels
/// (the memory they take) and are no more than the cores (the CPU they take). A picture waits its turn;
/// one waiter at a time gathers its share, so two large pictures never each hold half of the budget.
/// </summary>
internal sealed class PixelBudget(long pixels) : IDisposable
{
    private const long Unit = 1_000_000;

    private readonly long _units = Math.Max(1, pixels / Unit);
    private readonly SemaphoreSlim _cores = new(Math.Max(1, Environment.ProcessorCount));
    private readonly SemaphoreSlim _turn = new(1);
    private readonly SemaphoreSlim _budget = new((int)Math.Max(1, pixels / Unit));

    /// <summary>Waits, at most <paramref name="wait"/>, until a picture of this many pixels may be decoded; null when the wait ran out.</summary>
    public async Task<IDisposable?> EnterAsync(long pixels, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = wait == Timeout.InfiniteTimeSpan ? (DateTime?)null : DateTime.UtcNow + wait;
        TimeSpan Left() => deadline is { } end ? TimeSpan.FromTicks(Math.Max(0, (end - DateTime.UtcNow).Ticks)) : Timeout.InfiniteTimeSpan;
        var share = (int)Math.Clamp((pixels + Unit - 1) / Unit, 1, _units);
        if (!await _cores.WaitAsync(Left(), cancellationToken))
        {
            return null;
        }
        var taken = 0;
        try
        {
            if (await _turn.WaitAsync(Left(), cancellationToken))
            {
                try
                {
                    while (taken < share && await _budget.WaitAsync(Left(), cancellationToken))
                    {
                        taken++;
                    }
                }
                finally
                {
                    _turn.Release();
                }
            }
        }
        finally
        {
            if (taken < share)
            {
                Leave(taken);
            }
        }
        return taken == share ? new Admission(this, share) : null;
    }

    private void Leave(int taken)
    {
        if (taken > 0)
        {
            _budget.Release(taken);
        }
        _cores.Release();
    }

    public void Dispose()
    {
        _cores.Dispose();
        _turn.Dispose();
        _budget.Dispose();
    }

    private sealed class Admission(PixelBudget budget, int share) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                budget.Leave(share);
            }
        }
    }
}
