using Pangy.Core.Query;
using Pangy.Http.Requests;
using Pangy.Http.Responses;

namespace Pangy.Http.Routes;

/// <summary>Chromosome lists, cytobands, samples, genes and gene search (§8.2).</summary>
public static class ReferenceRoutes
{
    /// <summary>GET /chromosomes.</summary>
    public static IResult Chromosomes(QueryServer server, HttpRequest request)
    {
        var canonical = server.Cytobands.Canonical;
        if (!QueryParams.Flag(QueryParams.Text(request, "noncanonical"))) return new JsonQueryResult(CytobandJson.Names(canonical));
        string dataset = server.Datastore.ResolveDataset(QueryParams.Text(request, "db"));
        var set = new HashSet<string>(canonical, StringComparer.Ordinal);
        return new JsonQueryResult(CytobandJson.Names(server.Datastore.Chromosomes(dataset).Where(c => !set.Contains(c))));
    }

    /// <summary>GET /cytoband.</summary>
    public static IResult Cytoband(QueryServer server, HttpRequest request)
    {
        string? chromosome = QueryParams.Text(request, "chromosome");
        var set = server.Cytobands;
        if (string.IsNullOrEmpty(chromosome)) return new JsonQueryResult(CytobandJson.All(set));
        if (!set.Has(chromosome)) throw new NotFoundQueryException($"Chromosome '{QueryDatastore.Printable(chromosome)}' not found");
        return new JsonQueryResult(CytobandJson.Bands(set.BandsOf(chromosome)));
    }

    /// <summary>GET /samples.</summary>
    public static IResult Samples(QueryServer server, HttpRequest request)
    {
        string dataset = server.Datastore.ResolveDataset(QueryParams.Text(request, "db"));
        var chromosomes = server.Datastore.Chromosomes(dataset);
        if (chromosomes.Count == 0) throw new NotFoundQueryException("No data");
        return Leased.Json(server, dataset, chromosomes[0], PathQueries.Samples);
    }

    /// <summary>GET /genes.</summary>
    public static IResult Genes(QueryServer server, HttpRequest request)
    {
        var index = server.Annotations.Require(Genome(server, request));
        string? chromosome = QueryParams.Text(request, "chromosome");
        if (string.IsNullOrEmpty(chromosome)) throw new BadQueryException("missing parameter: chromosome");
        long s = QueryParams.Long(QueryParams.Text(request, "start"), "start", 0);
        long e = QueryParams.Long(QueryParams.Text(request, "end"), "end", 2_000_000_000);
        return new JsonQueryResult(AnnotationJson.Genes(index.Genes(chromosome, s, e, QueryParams.Flag(QueryParams.Text(request, "mane_only")))));
    }

    /// <summary>GET /search.</summary>
    public static IResult Search(QueryServer server, HttpRequest request)
    {
        if (QueryParams.Text(request, "type") != "gene") return new JsonQueryResult(AnnotationJson.List([]));
        string query = QueryParams.Text(request, "query") ?? throw new BadQueryException("missing parameter: query");
        return new JsonQueryResult(AnnotationJson.List(server.Annotations.Require(Genome(server, request)).Search(query)));
    }

    /// <summary>GET /gene.</summary>
    public static IResult Gene(QueryServer server, HttpRequest request)
    {
        string? name = QueryParams.Text(request, "name");
        if (string.IsNullOrEmpty(name)) throw new BadQueryException("missing parameter: name");
        var models = server.Annotations.Require(Genome(server, request)).GeneModelsNamed(name);
        if (models.Count == 0) throw new NotFoundQueryException($"gene '{QueryDatastore.Printable(name)}' not found");
        return new JsonQueryResult(AnnotationJson.Models(models));
    }

    /// <summary>The request's <c>genome</c>, else the reference of the dataset named by <c>db</c> (or the default).</summary>
    private static string? Genome(QueryServer server, HttpRequest request) =>
        QueryParams.Text(request, "genome") is { Length: > 0 } genome
            ? genome
            : server.Datastore.DefaultGenome(server.Datastore.ResolveDataset(QueryParams.Text(request, "db")));
}
