package main

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		if x < 0 {
			continue
		}
		t += x
	}
	return t
}
