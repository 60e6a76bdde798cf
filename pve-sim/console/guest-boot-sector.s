# A 512-byte boot sector for the simulator's QEMU guests: says who it is on the screen and on COM1,
# then echoes what arrives on COM1 line by line, so the serial console has something real behind it.
        .code16
        .text
        .globl _start
_start:
        cli
        xorw %ax, %ax
        movw %ax, %ds
        movw %ax, %es
        movw %ax, %ss
        movw $0x7c00, %sp
        sti
        movw $0x00e3, %ax        # int 14h init COM1: 9600 8N1
        xorw %dx, %dx
        int $0x14
        movw $0x3fa, %dx         # enable the 16550 FIFO so a burst of typing waits in the UART
        movb $0x07, %al
        outb %al, %dx
        movw $banner, %si
        call print
idle:
        hlt                      # sleep until the next timer tick instead of spinning
drain:
        movw $0x3fd, %dx         # line status: bit 0 = a byte is waiting
        inb %dx, %al
        testb $1, %al
        jz idle
        movw $0x3f8, %dx
        inb %dx, %al
        cmpb $13, %al
        jne echo
        movw $prompt, %si
        call print
        jmp drain
echo:
        call putc
        jmp drain
print:
        lodsb
        testb %al, %al
        jz 1f
        call putc
        jmp print
1:      ret
putc:
        pushw %ax
        movw $0x3fd, %dx
2:      inb %dx, %al             # wait for the transmitter
        testb $0x20, %al
        jz 2b
        popw %ax
        movw $0x3f8, %dx
        outb %al, %dx
        movb $0x0e, %ah          # and the same character on the screen
        movw $0x0007, %bx
        int $0x10
        ret
banner: .asciz "\r\nRoost simulated VM - serial console on ttyS0\r\nType a line and press Enter.\r\n> "
prompt: .asciz "\r\n> "
        .org 510
        .byte 0x55, 0xaa
