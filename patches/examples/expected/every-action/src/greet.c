#include <stdio.h>

static int greet(const char *name)
{
	return fprintf(stderr, "Hello, %s\n", name) < 0;
}

int main(int argc, char **argv)
{
	return greet(argc > 1 ? argv[1] : "world");
}
