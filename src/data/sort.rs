//! One sort for the whole console. A sort is compiled once per element type and comparison, a
//! few kilobytes of the download each; this one sorts positions with a comparison behind a
//! reference, so every list shares one copy and only the final reordering is per type.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably (equal elements keep their order).
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = order_by(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` in its natural order.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions `0..n` in the order `cmp` puts them.
fn order_by(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

/// Moves the element at `order[i]` to `i`, following each cycle of the permutation with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at];
            // Marks the place as filled, so a later start on this cycle stops at once.
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library_and_keeps_ties_in_order() {
        let lists: [&[(u8, char)]; 5] = [
            &[],
            &[(1, 'a')],
            &[(3, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (3, 'e'), (0, 'f')],
            &[(5, 'a'), (4, 'b'), (3, 'c'), (2, 'd'), (1, 'e')],
            &[(2, 'a'), (2, 'b'), (1, 'c'), (1, 'd'), (2, 'e'), (0, 'f'), (9, 'g'), (1, 'h')],
        ];
        for list in lists {
            let mut ours = list.to_vec();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = list.to_vec();
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std);
            let mut natural = list.to_vec();
            sort(&mut natural);
            let mut std = list.to_vec();
            std.sort();
            assert_eq!(natural, std);
        }
    }

    #[test]
    fn every_permutation_of_five_comes_out_in_order() {
        let mut v = vec![0u8, 1, 2, 3, 4];
        // Heap's algorithm, iteratively: all 120 orders.
        let mut c = [0usize; 5];
        let mut i = 0;
        let mut seen = 0;
        let check = |v: &[u8]| {
            let mut s = v.to_vec();
            sort(&mut s);
            assert_eq!(s, [0, 1, 2, 3, 4], "{v:?}");
        };
        check(&v);
        seen += 1;
        while i < 5 {
            if c[i] < i {
                if i % 2 == 0 { v.swap(0, i) } else { v.swap(c[i], i) }
                check(&v);
                seen += 1;
                c[i] += 1;
                i = 0;
            } else {
                c[i] = 0;
                i += 1;
            }
        }
        assert_eq!(seen, 120);
    }
}
