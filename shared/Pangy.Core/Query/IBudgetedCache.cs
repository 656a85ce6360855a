namespace Pangy.Core.Query;

/// <summary>A cache whose bytes count against a <see cref="QueryMemoryBudget"/>.</summary>
internal interface IBudgetedCache
{
    /// <summary>Bytes held now (the cache's own estimate, as charged).</summary>
    long Bytes { get; }

    /// <summary>When the cache was last used (<see cref="Environment.TickCount64"/>).</summary>
    long LastUsed { get; }

    /// <summary>Drops about half of what the cache holds, releasing its bytes from the budget.</summary>
    void ShedHalf();
}
