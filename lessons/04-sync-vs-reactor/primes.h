// The CPU-bound job of lesson 04 and its exercise: count the primes below n by trial division.
// Slow on purpose; it touches nothing of the loop's, so it may run on a worker thread.
#pragma once

inline long countPrimesBelow(long n) {
    long count = 0;
    for (long candidate = 2; candidate < n; ++candidate) {
        bool prime = true;
        for (long divisor = 2; divisor * divisor <= candidate && prime; ++divisor) prime = candidate % divisor != 0;
        if (prime) ++count;
    }
    return count;
}
