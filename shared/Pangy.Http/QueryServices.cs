namespace Pangy.Http;

/// <summary>Registers the query API's shared state in any host's services.</summary>
public static class QueryServices
{
    /// <summary>
    /// Adds <see cref="QueryServerOptions"/> (read from the final configuration with <see cref="QueryServerOptions.Read"/>,
    /// then <paramref name="configure"/>) and the <see cref="QueryServer"/> singleton.
    /// </summary>
    public static IServiceCollection AddQueryServer(this IServiceCollection services, Action<QueryServerOptions>? configure = null)
    {
        // Options are read when first asked for, so test hosts and the Functions host add their settings first.
        services.AddSingleton(sp => QueryServerOptions.Read(sp.GetRequiredService<IConfiguration>(), configure));
        services.AddSingleton(sp => new QueryServer(sp.GetRequiredService<QueryServerOptions>()));
        return services;
    }
}
