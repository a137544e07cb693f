package dev.kanto.sdk;

import io.grpc.Status;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Paged is what the generated {@code <method>Pages} and {@code <method>Items} methods of an AIP-158
 * list method return: the pages of a listing, or the items of every page, fetched lazily as the
 * iteration reaches them.
 *
 * <pre>{@code
 * for (Pokemon p : kanto.pokemon().listPokemonItems(request)) { ... }
 * long n = kanto.pokemon().listPokemonPages(request).stream().count();
 * }</pre>
 *
 * <p>Each page is one call, with its own deadline and retries. Each iteration (each {@link
 * #iterator()} or {@link #stream()}) starts again from the first request; the request is never
 * modified. A failed call throws its {@link KantoException} from the iterator and ends the
 * iteration. So does a server that answers a page with the token it was given, which would
 * otherwise loop forever: that {@link KantoException} has the code {@code INTERNAL}. An iteration
 * is not thread-safe; a Paged is, and may be iterated again.
 *
 * @param <T> a page, or an item
 */
public final class Paged<T> implements Iterable<T> {
  private final Supplier<Iterator<T>> iterators;

  private Paged(Supplier<Iterator<T>> iterators) {
    this.iterators = iterators;
  }

  /**
   * Returns the pages of a listing: {@code call} with {@code request}, then with each next page
   * token set by {@code withPageToken}, until a page has an empty one. For the generated code.
   *
   * @param request the first page's request
   * @param call calls the list method
   * @param pageToken reads a request's page token
   * @param withPageToken returns a copy of a request with another page token
   * @param nextPageToken reads a page's next page token
   * @param <Q> the request type
   * @param <R> the page type
   * @return the pages
   */
  public static <Q, R> Paged<R> pages(
      Q request,
      Function<Q, R> call,
      Function<Q, String> pageToken,
      BiFunction<Q, String, Q> withPageToken,
      Function<R, String> nextPageToken) {
    Objects.requireNonNull(request, "request");
    return new Paged<>(
        () -> new PageIterator<>(request, call, pageToken, withPageToken, nextPageToken));
  }

  /**
   * Returns the items of every page of {@code pages}, as {@code items} lists them. For the
   * generated code.
   *
   * @param pages the pages
   * @param items a page's items
   * @param <P> the page type
   * @param <T> the item type
   * @return the items
   */
  public static <P, T> Paged<T> items(Paged<P> pages, Function<P, ? extends List<T>> items) {
    Objects.requireNonNull(items, "items");
    return new Paged<>(
        () ->
            new Iterator<T>() {
              private final Iterator<P> pageIterator = pages.iterator();
              private Iterator<T> current = Collections.emptyIterator();

              @Override
              public boolean hasNext() {
                while (!current.hasNext()) {
                  if (!pageIterator.hasNext()) {
                    return false;
                  }
                  current = items.apply(pageIterator.next()).iterator();
                }
                return true;
              }

              @Override
              public T next() {
                if (!hasNext()) {
                  throw new NoSuchElementException("no more items");
                }
                return current.next();
              }
            });
  }

  /**
   * Starts an iteration from the first page; no call is made before {@code hasNext}.
   *
   * @throws KantoException from {@code hasNext} and {@code next}, if a call fails
   */
  @Override
  public Iterator<T> iterator() {
    return iterators.get();
  }

  /**
   * Returns a lazy sequential stream of an iteration; a failed call throws its {@link
   * KantoException} from the terminal operation.
   *
   * @return the stream
   */
  public Stream<T> stream() {
    return StreamSupport.stream(spliterator(), false);
  }

  /** Iterates over pages, calling for each as {@code hasNext} needs it. */
  private static final class PageIterator<Q, R> implements Iterator<R> {
    private final Function<Q, R> call;
    private final Function<Q, String> pageToken;
    private final BiFunction<Q, String, Q> withPageToken;
    private final Function<R, String> nextPageToken;
    private Q next; // the next page's request; null at the end
    private R page; // fetched, not yet returned by next()
    private KantoException loop; // thrown by the hasNext after the looping page

    PageIterator(
        Q first,
        Function<Q, R> call,
        Function<Q, String> pageToken,
        BiFunction<Q, String, Q> withPageToken,
        Function<R, String> nextPageToken) {
      this.next = first;
      this.call = call;
      this.pageToken = pageToken;
      this.withPageToken = withPageToken;
      this.nextPageToken = nextPageToken;
    }

    @Override
    public boolean hasNext() {
      if (page != null) {
        return true;
      }
      if (loop != null) {
        KantoException e = loop;
        loop = null;
        throw e;
      }
      if (next == null) {
        return false;
      }
      Q request = next;
      next = null; // a failed call ends the iteration
      R p = call.apply(request);
      String token = nextPageToken.apply(p);
      if (!token.isEmpty()) {
        if (token.equals(pageToken.apply(request))) {
          loop =
              new KantoException(
                  Status.INTERNAL.withDescription(
                      "the server returned the page token it was given ("
                          + token
                          + "), so the listing would never end"),
                  List.of());
        } else {
          next = withPageToken.apply(request, token);
        }
      }
      page = p;
      return true;
    }

    @Override
    public R next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more pages");
      }
      R p = page;
      page = null;
      return p;
    }
  }
}
