"""Providers closing and entering: their staff transferred or laid off, and who enters."""

from numba import njit

from sim.kernels.geometry import haversine_km
from sim.kernels.moves import move
from sim.rng import STREAM_MARKET, uniform
from sim.state import (
    ASC,
    NONEMP,
    S_FILLED,
    S_PLACE,
    S_POSTS,
    S_SPONSOR,
    W_HOME_PLACE,
    W_HOURS,
    W_PAY,
    W_ROLE,
    W_SITE,
    W_SPONSOR,
    W_ZH,
)


@njit(cache=True)
def close_sites(
    W, S, EV, n, slot, recv_ptr, recv_idx, transfer_share, place_lat, place_lon, nlw, seed, month
):
    """Staff of closing sites move with their posts or lose their job, in row order.

    A worker moves, with probability ``transfer_share``, to the receiving employer with
    the most open posts in their role, on the same pay, hours and contract (as a transfer
    of undertakings protects them); sponsored staff only to a licensed sponsor. The rest, and
    those for whom no receiver has an open post, join the non-employed and search from next
    month.

    Args:
        W: Worker arrays; updated.
        S: Site arrays; filled posts updated.
        EV: Event buffer (room for every worker of the closing sites reserved).
        n: Worker rows in use.
        slot: Each site's number among the closing sites, -1 if it is not closing, (S,).
        recv_ptr: CSR offsets of each closing site's receivers, (closing + 1,).
        recv_idx: Receiving site rows, (recv_ptr[-1],).
        transfer_share: Chance a worker moves with the posts (0-1).
        place_lat: Place latitudes, degrees.
        place_lon: Place longitudes, degrees.
        nlw: NLW in force, GBP per hour.
        seed: Root seed.
        month: Month index.

    Returns:
        (laid off, transferred) numbers of workers.
    """
    laid_off = 0
    transferred = 0
    posts, filled = S[S_POSTS], S[S_FILLED]
    for i in range(n):
        s = W[W_SITE][i]
        if s < 0 or slot[s] < 0:
            continue
        r = W[W_ROLE][i]
        best, room = -1, 0
        if uniform(seed, STREAM_MARKET, month, i, 1) < transfer_share:
            c = slot[s]
            for j in range(recv_ptr[c], recv_ptr[c + 1]):
                d = recv_idx[j]
                if W[W_SPONSOR][i] > 0 and S[S_SPONSOR][d] == 0:
                    continue
                if posts[d, r] - filled[d, r] > room:
                    best, room = d, posts[d, r] - filled[d, r]
        if best < 0:
            move(i, NONEMP, -1, r, 0, 0.0, 0.0, 0.0, W, S, EV, nlw)
            laid_off += 1
            continue
        home, work = W[W_HOME_PLACE][i], S[S_PLACE][best]
        km = haversine_km(place_lat[home], place_lon[home], place_lat[work], place_lon[work])
        zh, hours, pay = W[W_ZH][i], W[W_HOURS][i], W[W_PAY][i]
        move(i, ASC, best, r, zh, hours, pay, km, W, S, EV, nlw)
        transferred += 1
    return laid_off, transferred


@njit(cache=True)
def draw_entries(candidate, p_month, seed, month, entering):
    """Draw which closed providers' places a new provider takes this month.

    Args:
        candidate: True where a place is closed and its area's margin allows entry, shape (M,).
        p_month: Chance a month that a candidate place is taken.
        seed: Root seed.
        month: Month index.
        entering: Output, True where a new provider enters, shape (M,).
    """
    for k in range(candidate.shape[0]):
        entering[k] = candidate[k] and uniform(seed, STREAM_MARKET, month, k, 0) < p_month
